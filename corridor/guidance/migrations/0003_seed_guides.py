"""Seed the first pre-departure guides (KGZ→TUR, UZB→TUR, TJK→RUS, KGZ→KAZ).

Every legal statement comes from the labour-mobility brief (§8–9) with its source; what
the brief does not settle is marked "check with the consulate". English is the original;
Russian and Turkish were written from it (status "draft" until an official checks them).
"""

from django.db import migrations

# --- Türkiye (for citizens of Kyrgyzstan and Uzbekistan) --------------------------------

TUR = {
    "en": {
        "title": "Going to work in Türkiye: a guide for citizens of {country}",
        "before_departure": """- Your passport must be valid for at least **60 days beyond the end of your stay**.
- Citizens of {country} may enter Türkiye **without a visa for up to 90 days in any 180 days** ({visa_source}).
- A visa-free stay **does not give the right to work**. To work legally you need a **work permit**, started *before* you leave: you apply at a Turkish consulate and receive a reference number; your employer then files the application online within **10 working days** (Law 6735 on International Labour Force, 2016).
- Never pay a recruiter for a job: under the IOM IRIS standard of ethical recruitment the employer pays. Never hand your passport to an employer or agent.
- Keep copies of your passport, contract and permits on paper and on your phone, and leave a copy with your family.
- Register with your consulate (voluntary): it helps in an emergency.""",
        "on_arrival": """- Count your days from the day of entry: the entry day and the exit day both count. Use the Corridor calculator.
- To stay longer than the visa-free period, apply for a **residence permit on e-İkamet before the visa-free period ends**. The decision can take up to 90 days (secondary source); an unused permit lapses after 6 months.
- Keep your ticket and anything that shows your entry date.""",
        "working_legally": """- Work only with a valid work permit. The first permit is for up to **1 year**, then up to **2 years**, then up to **3 years** with the same employer; it becomes indefinite after 8 years.
- You may ask to extend it **from 60 days before it expires**. If it is refused, you may appeal **within 30 days** (Law 6735; Ministry of Labour FAQ).
- Working without a permit can lead to deportation and an **entry ban of at least 5 years**.
- Overstaying up to 15 days: a minimum fine; longer or unpaid: deportation and an entry ban. Leaving without paying can bring an entry ban of up to 5 years (Kyrgyz Ministry of Foreign Affairs; the ban code from a secondary source). Check with the consulate.""",
        "your_rights": """- Nobody may keep your passport or identity documents.
- Ask for a written contract in a language you understand, showing the wage, hours and conditions, **before** you start.
- {agreement}
- If you are cheated or abused, contact your consulate or the police.""",
        "where_to_get_help": """- Emergency: **112**.
- Foreigners' communication centre of the Presidency of Migration Management (YİMER): **157**.
- Your embassy or consulate: see “Find your consulate” in Corridor.
- IOM Migrant Resource Centres and NGOs: ask your consulate for the nearest one.""",
        "sources": "Labour-mobility brief §8–9 (public material to early 2026); Law 6735 on International Labour Force (2016); ÇSGB FAQ; {visa_source}.",
    },
    "ru": {
        "title": "Работа в Турции: памятка для граждан {country_ru}",
        "before_departure": """- Паспорт должен быть действителен **не менее 60 дней после окончания поездки**.
- Граждане {country_ru} могут въехать в Турцию **без визы и находиться до 90 дней в любые 180 дней** ({visa_source_ru}).
- Безвизовое пребывание **не даёт права работать**. Для законной работы нужно **разрешение на работу**, которое оформляют *до отъезда*: вы подаёте заявление в турецком консульстве и получаете номер заявки, а работодатель в течение **10 рабочих дней** подаёт заявление онлайн (Закон № 6735 о международной рабочей силе, 2016).
- Не платите посредникам за трудоустройство: по стандарту этичного найма МОМ (IRIS) платит работодатель. Никогда не отдавайте паспорт работодателю или агенту.
- Сделайте копии паспорта, договора и разрешений — на бумаге и в телефоне, оставьте копию семье.
- Встаньте на консульский учёт (добровольно): это поможет в чрезвычайной ситуации.""",
        "on_arrival": """- Считайте дни со дня въезда: день въезда и день выезда считаются днями пребывания. Воспользуйтесь калькулятором Corridor.
- Чтобы остаться дольше безвизового срока, подайте заявление на **вид на жительство через e-İkamet до окончания безвизового срока**. Решение может занять до 90 дней (вторичный источник); неиспользованный вид на жительство аннулируется через 6 месяцев.
- Сохраните билет и всё, что подтверждает дату въезда.""",
        "working_legally": """- Работайте только с действующим разрешением. Первое разрешение выдаётся на срок до **1 года**, затем до **2 лет**, затем до **3 лет** у того же работодателя; через 8 лет — бессрочное.
- Продление можно запросить **за 60 дней до окончания срока**. Отказ можно обжаловать **в течение 30 дней** (Закон № 6735; ответы Министерства труда).
- Работа без разрешения может привести к депортации и **запрету въезда не менее чем на 5 лет**.
- Превышение срока до 15 дней — минимальный штраф; дольше или без оплаты штрафа — депортация и запрет въезда. Выезд без оплаты штрафа может повлечь запрет въезда до 5 лет (МИД Кыргызстана; код запрета — по вторичному источнику). Уточните в консульстве.""",
        "your_rights": """- Никто не вправе забирать ваш паспорт или удостоверение личности.
- **До начала работы** попросите письменный договор на понятном вам языке, где указаны зарплата, часы и условия работы.
- {agreement_ru}
- Если вас обманули или с вами плохо обращаются, обратитесь в консульство или полицию.""",
        "where_to_get_help": """- Экстренные службы: **112**.
- Центр связи для иностранцев Управления миграции Турции (YİMER): **157**.
- Ваше посольство или консульство: раздел «Найти консульство» в Corridor.
- Центры ресурсов для мигрантов МОМ и НКО: узнайте в консульстве, где ближайший.""",
        "sources": "Справка о трудовой мобильности, §8–9 (открытые источники до начала 2026 г.); Закон № 6735 (2016); ответы ÇSGB; {visa_source_ru}.",
    },
    "tr": {
        "title": "Türkiye'de çalışmak: {country_tr} vatandaşları için rehber",
        "before_departure": """- Pasaportunuz **kalış sürenizin bitiminden en az 60 gün sonrasına kadar** geçerli olmalıdır.
- {country_tr} vatandaşları Türkiye'ye **vizesiz girebilir ve herhangi bir 180 gün içinde 90 güne kadar** kalabilir ({visa_source_tr}).
- Vizesiz kalış **çalışma hakkı vermez**. Yasal çalışmak için **çalışma izni** gerekir ve başvuru *yola çıkmadan önce* başlar: Türk konsolosluğuna başvurur, bir referans numarası alırsınız; işvereniniz başvuruyu **10 iş günü içinde** çevrim içi yapar (6735 sayılı Uluslararası İşgücü Kanunu, 2016).
- İş bulmak için aracıya para ödemeyin: IOM IRIS etik işe alım standardına göre ücreti işveren öder. Pasaportunuzu hiçbir işverene veya aracıya vermeyin.
- Pasaportunuzun, sözleşmenizin ve izinlerinizin kopyalarını kâğıtta ve telefonunuzda saklayın, bir kopyasını ailenize bırakın.
- Konsolosluğunuza kaydolun (isteğe bağlı): acil durumda yardımcı olur.""",
        "on_arrival": """- Günlerinizi giriş gününden itibaren sayın: giriş günü de çıkış günü de kalış günü sayılır. Corridor hesaplayıcısını kullanın.
- Vizesiz süreden daha uzun kalmak için **vizesiz süre bitmeden e-İkamet üzerinden ikamet izni** başvurusu yapın. Karar 90 güne kadar sürebilir (ikincil kaynak); kullanılmayan izin 6 ay sonra geçersiz olur.
- Biletinizi ve giriş tarihinizi gösteren belgeleri saklayın.""",
        "working_legally": """- Yalnızca geçerli çalışma izniyle çalışın. İlk izin **1 yıla kadar**, sonra aynı işverenle **2 yıla**, sonra **3 yıla kadar** verilir; 8 yıldan sonra süresiz olur.
- Uzatma başvurusu **izin bitmeden 60 gün önce** yapılabilir. Ret kararına **30 gün içinde** itiraz edebilirsiniz (6735 sayılı Kanun; ÇSGB sıkça sorulan sorular).
- İzinsiz çalışmak sınır dışı edilmeye ve **en az 5 yıl giriş yasağına** yol açabilir.
- 15 güne kadar izinsiz kalış: en düşük para cezası; daha uzun ya da ödenmemiş ceza: sınır dışı ve giriş yasağı. Cezayı ödemeden çıkmak 5 yıla kadar giriş yasağı getirebilir (Kırgızistan Dışişleri Bakanlığı; yasak kodu ikincil kaynaktan). Konsolosluğa danışın.""",
        "your_rights": """- Kimse pasaportunuzu veya kimlik belgelerinizi alıkoyamaz.
- İşe **başlamadan önce** anladığınız bir dilde, ücreti, çalışma saatlerini ve koşulları gösteren yazılı bir sözleşme isteyin.
- {agreement_tr}
- Dolandırılır veya kötü muameleye uğrarsanız konsolosluğunuza ya da polise başvurun.""",
        "where_to_get_help": """- Acil durum: **112**.
- Göç İdaresi Başkanlığı Yabancılar İletişim Merkezi (YİMER): **157**.
- Büyükelçiliğiniz veya konsolosluğunuz: Corridor'daki “Konsolosluğunuzu bulun” sayfası.
- IOM Göçmen Kaynak Merkezleri ve sivil toplum kuruluşları: en yakınını konsolosluğunuza sorun.""",
        "sources": "İşgücü hareketliliği özeti §8–9 (2026 başına kadar açık kaynaklar); 6735 sayılı Kanun (2016); ÇSGB SSS; {visa_source_tr}.",
    },
}

TUR_CORRIDORS = {
    "KGZ": {
        "country": "Kyrgyzstan",
        "country_ru": "Кыргызстана",
        "country_tr": "Kırgızistan",
        "visa_source": "Kyrgyz Ministry of Foreign Affairs, consular page; a 6-month stay announced in February 2024 has no legal act yet — check with the consulate",
        "visa_source_ru": "консульская страница МИД Кыргызстана; объявленное в феврале 2024 года пребывание до 6 месяцев пока не закреплено правовым актом — уточните в консульстве",
        "visa_source_tr": "Kırgızistan Dışişleri Bakanlığı konsolosluk sayfası; Şubat 2024'te duyurulan 6 aylık kalış için henüz bir hukuki düzenleme bulunamadı — konsolosluğa danışın",
        "agreement": "Kyrgyzstan and Türkiye signed an agreement on the portability of pensions and social benefits in April 2018.",
        "agreement_ru": "В апреле 2018 года Кыргызстан и Турция подписали соглашение о переносе пенсий и социальных пособий.",
        "agreement_tr": "Kırgızistan ve Türkiye, Nisan 2018'de emekli aylıkları ve sosyal yardımların aktarılmasına ilişkin bir anlaşma imzaladı.",
    },
    "UZB": {
        "country": "Uzbekistan",
        "country_ru": "Узбекистана",
        "country_tr": "Özbekistan",
        "visa_source": "Presidential Decree 327, Resmi Gazete, 11 November 2018",
        "visa_source_ru": "Указ Президента Турции № 327, Resmi Gazete, 11 ноября 2018 года",
        "visa_source_tr": "327 sayılı Cumhurbaşkanı Kararı, Resmî Gazete, 11 Kasım 2018",
        "agreement": "Uzbekistan and Türkiye have an agreement on the protection of the rights of migrant workers and members of their families (2018–2019).",
        "agreement_ru": "Между Узбекистаном и Турцией действует соглашение о защите прав трудовых мигрантов и членов их семей (2018–2019).",
        "agreement_tr": "Özbekistan ile Türkiye arasında göçmen işçilerin ve aile üyelerinin haklarının korunmasına ilişkin bir anlaşma vardır (2018–2019).",
    },
}

# --- Russia (for citizens of Tajikistan) -----------------------------------------------

TJK_RUS = {
    "en": {
        "title": "Going to work in Russia: a guide for citizens of Tajikistan",
        "before_departure": """- Citizens of Tajikistan enter Russia without a visa. Since **1 January 2025** a visa-free stay is at most **90 days per calendar year** and **90 days in a row** (Federal Law 260-FZ).
- To work you need a **patent**. Prepare for: a certificate of Russian language, history and law; a medical check; fingerprints and a photo (Law 115-FZ and amendments).
- ruID: from 30 June 2025 to 30 June 2026 an experiment asks for a pre-entry notice at least 72 hours before arrival; missing it is not a ground for refusal. Check the current rules with the consulate.
- Never pay a recruiter for a job and never hand your passport to an employer or agent.
- Register with your consulate (voluntary) and leave copies of your documents with your family.""",
        "on_arrival": """- **Migration registration within 15 days** of entry (Russia–Tajikistan agreement of 2013).
- **Apply for a patent within 30 days** of entry; the medical check, fingerprints and photo are also due within 30 days (since 29 December 2021).
- Count your days with the Corridor calculator: the entry day and the exit day both count.""",
        "working_legally": """- A patent is valid for **1 to 12 months** while you pay the **monthly tax advance**. If you miss a payment, the patent lapses.
- After 12 months the patent must be issued again. It is valid **only in the region that issued it**.
- Your employer must notify the Ministry of Internal Affairs within **3 working days** of the contract starting or ending (115-FZ).
- Since 5 February 2025 people without legal grounds to stay are entered in a register (RKL) that limits banking, driving, marriage and school enrolment (secondary source). Keep your registration and patent valid.""",
        "your_rights": """- Nobody may keep your passport or identity documents.
- Ask for a written contract in a language you understand, showing the wage, hours and conditions, before you start.
- Keep receipts of every patent payment.
- If you are cheated or abused, contact your consulate or the police.""",
        "where_to_get_help": """- Emergency: **112**.
- The Embassy of Tajikistan in Moscow and its consulates: see “Find your consulate” in Corridor.
- IOM and NGOs that help migrants: ask your consulate for the nearest one.""",
        "sources": "Labour-mobility brief §8–9 (public material to early 2026); Federal Laws 115-FZ and 260-FZ; Russia–Tajikistan agreement (2013); Consultant.ru on ruID; Klerk on the RKL register (secondary).",
    },
    "ru": {
        "title": "Работа в России: памятка для граждан Таджикистана",
        "before_departure": """- Граждане Таджикистана въезжают в Россию без визы. С **1 января 2025 года** безвизовое пребывание — не более **90 дней в календарном году** и **90 дней подряд** (Федеральный закон № 260-ФЗ).
- Для работы нужен **патент**. Подготовьтесь: сертификат о знании русского языка, истории и основ законодательства; медицинское освидетельствование; дактилоскопия и фотография (Закон № 115-ФЗ с изменениями).
- ruID: с 30 июня 2025 по 30 июня 2026 года проводится эксперимент — уведомление не позднее чем за 72 часа до въезда; его отсутствие не является основанием для отказа во въезде. Уточните актуальные правила в консульстве.
- Не платите посредникам за трудоустройство и никогда не отдавайте паспорт работодателю или агенту.
- Встаньте на консульский учёт (добровольно) и оставьте копии документов семье.""",
        "on_arrival": """- **Миграционный учёт — в течение 15 дней** со дня въезда (соглашение России и Таджикистана 2013 года).
- **Подайте на патент в течение 30 дней** со дня въезда; медосвидетельствование, дактилоскопию и фото тоже нужно пройти в течение 30 дней (с 29 декабря 2021 года).
- Считайте дни в калькуляторе Corridor: день въезда и день выезда считаются днями пребывания.""",
        "working_legally": """- Патент действует **от 1 до 12 месяцев**, пока вы вносите **ежемесячный авансовый платёж по НДФЛ**. Если пропустить платёж, патент прекращает действие.
- Через 12 месяцев патент нужно переоформить. Он действует **только в регионе выдачи**.
- Работодатель обязан уведомить МВД в течение **3 рабочих дней** после заключения или расторжения договора (115-ФЗ).
- С 5 февраля 2025 года лиц без законных оснований для пребывания вносят в реестр контролируемых лиц (РКЛ) с ограничениями на банковские операции, вождение, брак и запись детей в школу (вторичный источник). Следите, чтобы учёт и патент были действительны.""",
        "your_rights": """- Никто не вправе забирать ваш паспорт или удостоверение личности.
- До начала работы попросите письменный договор на понятном вам языке, где указаны зарплата, часы и условия работы.
- Сохраняйте квитанции всех платежей за патент.
- Если вас обманули или с вами плохо обращаются, обратитесь в консульство или полицию.""",
        "where_to_get_help": """- Экстренные службы: **112**.
- Посольство Таджикистана в Москве и консульства: раздел «Найти консульство» в Corridor.
- МОМ и НКО, помогающие мигрантам: узнайте в консульстве, где ближайшие.""",
        "sources": "Справка о трудовой мобильности, §8–9 (открытые источники до начала 2026 г.); федеральные законы № 115-ФЗ и № 260-ФЗ; соглашение России и Таджикистана (2013); Консультант Плюс о ruID; Клерк о РКЛ (вторичный источник).",
    },
}

# --- Kazakhstan (for citizens of Kyrgyzstan) -------------------------------------------

KGZ_KAZ = {
    "en": {
        "title": "Going to work in Kazakhstan: a guide for citizens of Kyrgyzstan",
        "before_departure": """- Kyrgyzstan and Kazakhstan are both members of the Eurasian Economic Union (EAEU): you enter **without a visa** and need **no work permit** (EAEU rules; secondary source).
- Check that your passport is valid for your whole stay; the exact requirement is not in our sources — check with the consulate.
- Never pay a recruiter for a job and never hand your passport to an employer or agent.
- Register with your consulate (voluntary) and leave copies of your documents with your family.""",
        "on_arrival": """- Your host (landlord or employer) files an **eQonaq notice within 3 working days** of your arrival (secondary source). Ask them to show you that it was done.
- After **90 days** you need a temporary residence permit (secondary source). Check the exact counting with the consulate.""",
        "working_legally": """- As an EAEU citizen you may work without a work permit. Sign an employment contract before you start.
- The rules on temporary residence for workers are not settled in our sources: check with the consulate or the migration service.""",
        "your_rights": """- Nobody may keep your passport or identity documents.
- Ask for a written contract in a language you understand, showing the wage, hours and conditions, before you start.
- If you are cheated or abused, contact your consulate or the police.""",
        "where_to_get_help": """- Emergency: **112**.
- The Embassy of Kyrgyzstan in Kazakhstan and its consular offices: see “Find your consulate” in Corridor.
- Vacancies in Kazakhstan are published on enbek.kz.
- IOM and NGOs that help migrants: ask your consulate for the nearest one.""",
        "sources": "Labour-mobility brief §9 (public material to early 2026): EAEU rules and eQonaq notice (secondary sources).",
    },
    "ru": {
        "title": "Работа в Казахстане: памятка для граждан Кыргызстана",
        "before_departure": """- Кыргызстан и Казахстан — члены Евразийского экономического союза (ЕАЭС): вы въезжаете **без визы**, и **разрешение на работу не нужно** (правила ЕАЭС; вторичный источник).
- Паспорт должен быть действителен на весь срок поездки; точного требования в наших источниках нет — уточните в консульстве.
- Не платите посредникам за трудоустройство и никогда не отдавайте паспорт работодателю или агенту.
- Встаньте на консульский учёт (добровольно) и оставьте копии документов семье.""",
        "on_arrival": """- Принимающая сторона (арендодатель или работодатель) подаёт **уведомление через eQonaq в течение 3 рабочих дней** после вашего прибытия (вторичный источник). Попросите показать, что это сделано.
- Через **90 дней** нужно разрешение на временное проживание (вторичный источник). Порядок подсчёта уточните в консульстве.""",
        "working_legally": """- Как гражданин ЕАЭС вы можете работать без разрешения на работу. До начала работы заключите трудовой договор.
- Правила временного проживания для работников в наших источниках не уточнены: обратитесь в консульство или миграционную службу.""",
        "your_rights": """- Никто не вправе забирать ваш паспорт или удостоверение личности.
- До начала работы попросите письменный договор на понятном вам языке, где указаны зарплата, часы и условия работы.
- Если вас обманули или с вами плохо обращаются, обратитесь в консульство или полицию.""",
        "where_to_get_help": """- Экстренные службы: **112**.
- Посольство Кыргызстана в Казахстане и его консульские учреждения: раздел «Найти консульство» в Corridor.
- Вакансии в Казахстане публикуются на enbek.kz.
- МОМ и НКО, помогающие мигрантам: узнайте в консульстве, где ближайшие.""",
        "sources": "Справка о трудовой мобильности, §9 (открытые источники до начала 2026 г.): правила ЕАЭС и уведомление eQonaq (вторичные источники).",
    },
}

SECTIONS = ("before_departure", "on_arrival", "working_legally", "your_rights", "where_to_get_help")


def _guides():
    for citizenship, words in TUR_CORRIDORS.items():
        for language, text in TUR.items():
            yield citizenship, "TUR", language, {key: value.format(**words) for key, value in text.items()}
    for language, text in TJK_RUS.items():
        yield "TJK", "RUS", language, text
    for language, text in KGZ_KAZ.items():
        yield "KGZ", "KAZ", language, text


def seed(apps, schema_editor):
    Guide = apps.get_model("guidance", "Guide")
    GuideVersion = apps.get_model("guidance", "GuideVersion")
    for citizenship, destination, language, text in _guides():
        guide = Guide.objects.create(
            citizenship_id=citizenship,
            destination_id=destination,
            language=language,
            translation_status="original" if language == "en" else "draft",
        )
        version = GuideVersion.objects.create(
            guide=guide,
            number=1,
            title=text["title"],
            sources=text["sources"],
            **{key: text[key] for key in SECTIONS},
        )
        guide.published = version
        guide.save(update_fields=["published"])


def unseed(apps, schema_editor):
    apps.get_model("guidance", "Guide").objects.filter(versions__created_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0002_seed_corridor_rules")]

    operations = [migrations.RunPython(seed, unseed)]
