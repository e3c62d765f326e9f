# ruff: noqa: E501 - multilingual names and definitions are data; wrapping them hurts reading
"""The structures of the brief as plain data, loaded by migration 0003 (and nothing else).

Kept apart from the models so that a migration can read them with historical models.
Each code is (code, en, ru, tr, parent). "_T" is the root of every hierarchy; "_Z" and
aggregates have no parent, so they never enter a sum.
"""

from __future__ import annotations

from typing import Any

Code = tuple[str, str, str, str, str]

SPECIAL: dict[str, Code] = {
    "_T": ("_T", "Total", "Всего", "Toplam", ""),
    "_U": ("_U", "Unknown", "Неизвестно", "Bilinmiyor", "_T"),
    "_Z": ("_Z", "Not applicable", "Неприменимо", "Uygulanamaz", ""),
    "_O": ("_O", "Other", "Прочие", "Diğer", "_T"),
}


def _with_specials(codes: list[Code], specials: str = "_T _U _O _Z") -> list[Code]:
    return [SPECIAL[s] for s in specials.split()] + codes


def _flat(rows: list[tuple[str, str, str, str]]) -> list[Code]:
    return [(code, en, ru, tr, "_T") for code, en, ru, tr in rows]


CODELISTS: dict[str, dict[str, Any]] = {
    "CL_FREQ": {
        "names": ("Frequency", "Периодичность", "Sıklık"),
        "codes": [
            ("A", "Annual", "Годовая", "Yıllık", ""),
            ("Q", "Quarterly", "Квартальная", "Üç aylık", ""),
            ("M", "Monthly", "Месячная", "Aylık", ""),
        ],
    },
    "CL_SEX": {
        "names": ("Sex", "Пол", "Cinsiyet"),
        "codes": _with_specials(
            _flat([("F", "Female", "Женщины", "Kadın"), ("M", "Male", "Мужчины", "Erkek")]), "_T _U _Z"
        ),
    },
    "CL_AGE": {
        "names": ("Age", "Возраст", "Yaş"),
        "codes": _with_specials(
            [
                ("Y_LT18", "Under 18 years", "Моложе 18 лет", "18 yaş altı", "_T"),
                ("Y_LT14", "Under 14 years", "Моложе 14 лет", "14 yaş altı", "Y_LT18"),
                ("Y14T17", "14 to 17 years", "14–17 лет", "14–17 yaş", "Y_LT18"),
                ("Y_GE18", "18 years or over", "18 лет и старше", "18 yaş ve üzeri", "_T"),
                ("Y18T24", "18 to 24 years", "18–24 года", "18–24 yaş", "Y_GE18"),
                ("Y25T34", "25 to 34 years", "25–34 года", "25–34 yaş", "Y_GE18"),
                ("Y35T44", "35 to 44 years", "35–44 года", "35–44 yaş", "Y_GE18"),
                ("Y45T54", "45 to 54 years", "45–54 года", "45–54 yaş", "Y_GE18"),
                ("Y55T64", "55 to 64 years", "55–64 года", "55–64 yaş", "Y_GE18"),
                ("Y_GE65", "65 years or over", "65 лет и старше", "65 yaş ve üzeri", "Y_GE18"),
            ],
            "_T _U _Z",
        ),
    },
    "CL_PURPOSE": {
        "names": ("Purpose of stay", "Цель пребывания", "Kalış amacı"),
        "codes": _with_specials(
            _flat(
                [
                    ("FAMILY", "Family", "Семья", "Aile"),
                    ("EDUC", "Education", "Образование", "Eğitim"),
                    ("WORK", "Work", "Работа", "Çalışma"),
                    ("PROTECTION", "International protection", "Международная защита", "Uluslararası koruma"),
                    ("THB", "Victims of trafficking", "Жертвы торговли людьми", "İnsan ticareti mağdurları"),
                    ("OTHER", "Other reasons", "Прочие причины", "Diğer nedenler"),
                ]
            ),
            "_T _U _Z",
        ),
    },
    "CL_PERMIT_TYPE": {
        "names": ("Residence permit type", "Вид разрешения на проживание", "İkamet izni türü"),
        "codes": _with_specials([], "_T _U _O _Z"),
    },
    "CL_PERMIT_TYPE_TUR": {
        "names": (
            "Residence permit types of Türkiye (Law 6458)",
            "Виды видов на жительство Турции (Закон 6458)",
            "Türkiye ikamet izni türleri (6458 sayılı Kanun)",
        ),
        "codes": [
            (
                "SHORT_TERM",
                "Short-term residence permit",
                "Краткосрочный вид на жительство",
                "Kısa dönem ikamet izni",
                "_T",
            ),
            ("FAMILY", "Family residence permit", "Семейный вид на жительство", "Aile ikamet izni", "_T"),
            (
                "STUDENT",
                "Student residence permit",
                "Студенческий вид на жительство",
                "Öğrenci ikamet izni",
                "_T",
            ),
            (
                "LONG_TERM",
                "Long-term residence permit",
                "Долгосрочный вид на жительство",
                "Uzun dönem ikamet izni",
                "_T",
            ),
            (
                "HUMANITARIAN",
                "Humanitarian residence permit",
                "Гуманитарный вид на жительство",
                "İnsani ikamet izni",
                "_T",
            ),
            (
                "THB_VICTIM",
                "Residence permit for victims of human trafficking",
                "Вид на жительство для жертв торговли людьми",
                "İnsan ticareti mağduru ikamet izni",
                "_T",
            ),
            SPECIAL["_T"],
        ],
    },
    "CL_PERMIT_EVENT": {
        "names": ("Permit event", "Событие по разрешению", "İzin olayı"),
        "codes": [
            SPECIAL["_T"],
            ("FIRST", "First permits", "Первичные разрешения", "İlk izinler", "_T"),
            ("RENEW", "Renewals", "Продления", "Uzatmalar", "_T"),
            ("CHANGE_STATUS", "Change of status", "Изменение статуса", "Statü değişikliği", "_T"),
            # A stock at the end of the period: never summed with the flows above.
            (
                "VALID_EOP",
                "Valid at end of period",
                "Действующие на конец периода",
                "Dönem sonunda geçerli",
                "",
            ),
            SPECIAL["_Z"],
        ],
    },
    "CL_DURATION": {
        "names": ("Duration of validity", "Срок действия", "Geçerlilik süresi"),
        "codes": _with_specials(
            _flat(
                [
                    ("M3T5", "3 to 5 months", "3–5 месяцев", "3–5 ay"),
                    ("M6T11", "6 to 11 months", "6–11 месяцев", "6–11 ay"),
                    ("M_GE12", "12 months or more", "12 месяцев и более", "12 ay ve üzeri"),
                ]
            ),
            "_T _U _Z",
        ),
    },
    "CL_OCCUPATION": {
        "names": ("Occupation (ISCO-08 major groups)", "Занятие (МСКЗ-08)", "Meslek (ISCO-08)"),
        "codes": _with_specials(
            _flat(
                [
                    ("OC1", "Managers", "Руководители", "Yöneticiler"),
                    ("OC2", "Professionals", "Специалисты высшего уровня", "Profesyonel meslek mensupları"),
                    (
                        "OC3",
                        "Technicians and associate professionals",
                        "Специалисты среднего уровня",
                        "Teknisyenler",
                    ),
                    ("OC4", "Clerical support workers", "Служащие", "Büro hizmetlerinde çalışanlar"),
                    (
                        "OC5",
                        "Service and sales workers",
                        "Работники сферы услуг и торговли",
                        "Hizmet ve satış elemanları",
                    ),
                    (
                        "OC6",
                        "Skilled agricultural workers",
                        "Квалифицированные работники сельского хозяйства",
                        "Nitelikli tarım işçileri",
                    ),
                    ("OC7", "Craft and related trades workers", "Квалифицированные рабочие", "Sanatkârlar"),
                    (
                        "OC8",
                        "Plant and machine operators",
                        "Операторы установок и машин",
                        "Tesis ve makine operatörleri",
                    ),
                    (
                        "OC9",
                        "Elementary occupations",
                        "Неквалифицированные работники",
                        "Nitelik gerektirmeyen meslekler",
                    ),
                    ("OC0", "Armed forces occupations", "Военнослужащие", "Silahlı kuvvetler"),
                ]
            ),
            "_T _U _Z",
        ),
    },
    "CL_ACTIVITY": {
        "names": (
            "Economic activity (ISIC Rev.4 sections)",
            "Вид деятельности (МСОК 4)",
            "Ekonomik faaliyet (ISIC Rev.4)",
        ),
        "codes": _with_specials(
            [
                (letter, f"ISIC section {letter}", f"Раздел МСОК {letter}", f"ISIC kısmı {letter}", "_T")
                for letter in "ABCDEFGHIJKLMNOPQRSTU"
            ],
            "_T _U _Z",
        ),
    },
    "CL_EDU_LEVEL": {
        "names": (
            "Level of education (ISCED 2011)",
            "Уровень образования (МСКО 2011)",
            "Eğitim düzeyi (ISCED 2011)",
        ),
        "codes": _with_specials(
            [
                (f"ISCED11_{n}", f"ISCED level {n}", f"Уровень МСКО {n}", f"ISCED düzeyi {n}", "_T")
                for n in range(9)
            ],
            "_T _U _Z",
        ),
    },
    "CL_APPREHENSION": {
        "names": ("Place of apprehension", "Место задержания", "Yakalama yeri"),
        "codes": _with_specials(
            _flat(
                [
                    ("INLAND", "Inland", "Внутри страны", "Yurt içi"),
                    ("BORDER_ENTRY", "At the border on entry", "На границе при въезде", "Girişte sınırda"),
                    ("BORDER_EXIT", "At the border on exit", "На границе при выезде", "Çıkışta sınırda"),
                    ("SEA", "At sea", "На море", "Denizde"),
                ]
            ),
            "_T _U _Z",
        ),
    },
    "CL_EXPLOITATION": {
        "names": ("Form of exploitation", "Форма эксплуатации", "Sömürü biçimi"),
        "codes": _with_specials(
            _flat(
                [
                    ("SEXUAL", "Sexual exploitation", "Сексуальная эксплуатация", "Cinsel sömürü"),
                    ("FORCED_LABOUR", "Forced labour", "Принудительный труд", "Zorla çalıştırma"),
                    (
                        "FORCED_CRIME",
                        "Forced criminal activity",
                        "Принуждение к преступной деятельности",
                        "Suça zorlama",
                    ),
                    ("BEGGING", "Forced begging", "Принуждение к попрошайничеству", "Dilendirme"),
                    ("MARRIAGE", "Forced marriage", "Принудительный брак", "Zorla evlendirme"),
                    ("ORGAN", "Organ removal", "Изъятие органов", "Organ alımı"),
                ]
            ),
        ),
    },
    "CL_VICTIM_STATUS": {
        "names": ("Victim status", "Статус жертвы", "Mağdur statüsü"),
        "codes": _with_specials(
            _flat(
                [
                    ("IDENTIFIED", "Identified", "Установленные", "Tespit edilen"),
                    ("PRESUMED", "Presumed", "Предполагаемые", "Olası"),
                ]
            ),
            "_T _U _Z",
        ),
    },
    "CL_FLOW_TYPE": {
        "names": ("Flow type", "Вид потока", "Akış türü"),
        "codes": [
            ("IMM", "Immigration", "Иммиграция", "Göç (gelen)", ""),
            ("EMI", "Emigration", "Эмиграция", "Göç (giden)", ""),
            ("STOCK", "Population stock", "Численность (запас)", "Nüfus stoku", ""),
        ],
    },
    "CL_OBS_STATUS": {
        "names": ("Observation status", "Статус наблюдения", "Gözlem durumu"),
        "codes": [
            ("A", "Normal value", "Обычное значение", "Normal değer", ""),
            ("E", "Estimated value", "Оценка", "Tahmini değer", ""),
            ("P", "Provisional value", "Предварительное значение", "Geçici değer", ""),
            ("M", "Missing value", "Отсутствующее значение", "Eksik değer", ""),
            ("B", "Break in series", "Разрыв ряда", "Seride kırılma", ""),
        ],
    },
    "CL_CONF_STATUS": {
        "names": ("Confidentiality status", "Статус конфиденциальности", "Gizlilik durumu"),
        "codes": [
            ("F", "Free", "Открытое", "Serbest", ""),
            ("C", "Confidential", "Конфиденциальное", "Gizli", ""),
            ("D", "Secondary confidential", "Вторично конфиденциальное", "İkincil gizli", ""),
            ("N", "Not for publication", "Не для публикации", "Yayımlanmaz", ""),
            ("E", "Restricted", "Ограниченное", "Kısıtlı", ""),
        ],
    },
    "CL_STAT_UNIT": {
        "names": ("Statistical unit", "Статистическая единица", "İstatistiksel birim"),
        "codes": [
            ("PERS", "Persons", "Лица", "Kişiler", ""),
            ("PERMIT", "Permits", "Разрешения", "İzinler", ""),
            (
                "EVENT",
                "Events (one person may count more than once)",
                "События (одно лицо может учитываться несколько раз)",
                "Olaylar (bir kişi birden çok sayılabilir)",
                "",
            ),
        ],
    },
}

# CL_AREA is built from reference.Country in the migration, plus these codes.
AREA_EXTRA: list[Code] = [
    SPECIAL["_T"],
    SPECIAL["_U"],
    SPECIAL["_O"],
    SPECIAL["_Z"],
    ("XXA", "Stateless person", "Лицо без гражданства", "Vatansız kişi", "_T"),
    ("XXB", "Refugee (1951 Convention)", "Беженец (Конвенция 1951 г.)", "Mülteci (1951 Sözleşmesi)", "_T"),
    ("XXC", "Refugee (other)", "Беженец (иное)", "Mülteci (diğer)", "_T"),
    ("XXX", "Unspecified nationality", "Гражданство не указано", "Uyruğu belirtilmemiş", "_T"),
    (
        "ALMATY_MS",
        "Almaty Process member states",
        "Государства — члены Алматинского процесса",
        "Almatı Süreci üye devletleri",
        "",
    ),
    (
        "ALMATY_OBS",
        "Almaty Process observer states",
        "Государства-наблюдатели Алматинского процесса",
        "Almatı Süreci gözlemci devletleri",
        "",
    ),
]
AREA_NAMES = ("Reference area and citizenship", "Территория и гражданство", "Bölge ve uyruk")

CONCEPTS: dict[str, tuple[str, str, str]] = {
    "FREQ": ("Frequency", "Периодичность", "Sıklık"),
    "REF_AREA": ("Reporting state", "Отчитывающееся государство", "Raporlayan devlet"),
    "TIME_PERIOD": ("Time period", "Период", "Dönem"),
    "CITIZENSHIP": ("Citizenship", "Гражданство", "Uyruk"),
    "SEX": ("Sex", "Пол", "Cinsiyet"),
    "AGE": ("Age", "Возраст", "Yaş"),
    "PERMIT_EVENT": ("Permit event", "Событие по разрешению", "İzin olayı"),
    "PERMIT_TYPE": ("Permit type", "Вид разрешения", "İzin türü"),
    "PURPOSE": ("Purpose", "Цель", "Amaç"),
    "OCCUPATION": ("Occupation", "Занятие", "Meslek"),
    "ACTIVITY": ("Economic activity", "Вид деятельности", "Ekonomik faaliyet"),
    "DURATION": ("Duration", "Срок", "Süre"),
    "EDU_LEVEL": ("Level of education", "Уровень образования", "Eğitim düzeyi"),
    "APPREHENSION": ("Place of apprehension", "Место задержания", "Yakalama yeri"),
    "EXPLOITATION": ("Form of exploitation", "Форма эксплуатации", "Sömürü biçimi"),
    "VICTIM_STATUS": ("Victim status", "Статус жертвы", "Mağdur statüsü"),
    "FLOW_TYPE": ("Flow type", "Вид потока", "Akış türü"),
    "COUNTRY_BIRTH": ("Country of birth", "Страна рождения", "Doğum ülkesi"),
    "COUNTRY_PREV_RES": (
        "Country of previous residence",
        "Страна прежнего проживания",
        "Önceki ikamet ülkesi",
    ),
    "OBS_VALUE": ("Observation value", "Значение", "Gözlem değeri"),
    "OBS_STATUS": ("Observation status", "Статус наблюдения", "Gözlem durumu"),
    "CONF_STATUS": ("Confidentiality status", "Статус конфиденциальности", "Gizlilik durumu"),
    "COMMENT_OBS": ("Comment", "Комментарий", "Açıklama"),
}

DIMENSION_CODELIST = {
    "FREQ": "CL_FREQ",
    "REF_AREA": "CL_AREA",
    "CITIZENSHIP": "CL_AREA",
    "COUNTRY_BIRTH": "CL_AREA",
    "COUNTRY_PREV_RES": "CL_AREA",
    "SEX": "CL_SEX",
    "AGE": "CL_AGE",
    "PERMIT_EVENT": "CL_PERMIT_EVENT",
    "PERMIT_TYPE": "CL_PERMIT_TYPE",
    "PURPOSE": "CL_PURPOSE",
    "OCCUPATION": "CL_OCCUPATION",
    "ACTIVITY": "CL_ACTIVITY",
    "DURATION": "CL_DURATION",
    "EDU_LEVEL": "CL_EDU_LEVEL",
    "APPREHENSION": "CL_APPREHENSION",
    "EXPLOITATION": "CL_EXPLOITATION",
    "VICTIM_STATUS": "CL_VICTIM_STATUS",
    "FLOW_TYPE": "CL_FLOW_TYPE",
    "OBS_STATUS": "CL_OBS_STATUS",
    "CONF_STATUS": "CL_CONF_STATUS",
}

ATTRIBUTES = ["OBS_STATUS", "CONF_STATUS", "COMMENT_OBS"]

# Dimensions between REF_AREA and TIME_PERIOD, in key order.
DSDS: dict[str, dict[str, Any]] = {
    "DSD_WORK_PERMIT": {
        "names": ("Work permits", "Разрешения на работу", "Çalışma izinleri"),
        "dimensions": ["CITIZENSHIP", "SEX", "AGE", "PERMIT_EVENT", "OCCUPATION", "ACTIVITY", "DURATION"],
    },
    "DSD_RES_PERMIT": {
        "names": ("Residence permits", "Разрешения на проживание", "İkamet izinleri"),
        "dimensions": [
            "CITIZENSHIP",
            "SEX",
            "AGE",
            "PERMIT_TYPE",
            "PURPOSE",
            "PERMIT_EVENT",
            "DURATION",
            "EDU_LEVEL",
        ],
    },
    "DSD_IRREG": {
        "names": ("Irregular migrants", "Нерегулярные мигранты", "Düzensiz göçmenler"),
        "dimensions": ["CITIZENSHIP", "SEX", "AGE", "APPREHENSION"],
    },
    "DSD_THB": {
        "names": (
            "Victims of trafficking in human beings",
            "Жертвы торговли людьми",
            "İnsan ticareti mağdurları",
        ),
        "dimensions": ["CITIZENSHIP", "SEX", "AGE", "EXPLOITATION", "VICTIM_STATUS"],
    },
    "DSD_MIGR_POP": {
        "names": (
            "Migration flows and population",
            "Миграционные потоки и население",
            "Göç akışları ve nüfus",
        ),
        "dimensions": ["FLOW_TYPE", "CITIZENSHIP", "COUNTRY_BIRTH", "COUNTRY_PREV_RES", "SEX", "AGE"],
    },
}

DATAFLOWS: dict[str, dict[str, Any]] = {
    "DF_WORK_PERMIT": {
        "dsd": "DSD_WORK_PERMIT",
        "tier": 1,
        "stat_unit": "PERMIT",
        "names": ("Work permits", "Разрешения на работу", "Çalışma izinleri"),
        "definition": (
            "Work permits issued to foreign nationals by the reporting state in the period (20th ICLS: for-work migrants admitted). FIRST ≈ inflow; VALID_EOP is a stock and is never added to flows.",
            "Разрешения на работу, выданные иностранным гражданам отчитывающимся государством за период (20-я МКСТ: мигранты, допущенные для работы). FIRST — приток; VALID_EOP — численность на конец периода, её не складывают с потоками.",
            "Raporlayan devletin dönem içinde yabancılara verdiği çalışma izinleri (20. ICLS: çalışma amacıyla kabul edilen göçmenler). FIRST girişe yakındır; VALID_EOP bir stoktur ve akışlarla toplanmaz.",
        ),
    },
    "DF_RES_PERMIT": {
        "dsd": "DSD_RES_PERMIT",
        "tier": 1,
        "stat_unit": "PERMIT",
        "headline": {"PERMIT_EVENT": "FIRST"},
        "names": ("Residence permits", "Разрешения на проживание", "İkamet izinleri"),
        "definition": (
            "Residence permits by type and purpose (Eurostat Reg. 862/2007 concepts): first permits approximate the inflow, permits valid at the end of the period the stock.",
            "Разрешения на проживание по видам и целям (понятия Регламента Евростата 862/2007): первичные разрешения приближённо отражают приток, действующие на конец периода — численность.",
            "Tür ve amaca göre ikamet izinleri (Eurostat 862/2007 kavramları): ilk izinler girişi, dönem sonunda geçerli izinler stoku yaklaşık olarak gösterir.",
        ),
    },
    "DF_INT_STUDENT": {
        "dsd": "DSD_RES_PERMIT",
        "tier": 1,
        "stat_unit": "PERMIT",
        "cube_region": {"PURPOSE": ["EDUC"]},
        "headline": {"PURPOSE": "EDUC", "PERMIT_EVENT": "VALID_EOP"},
        "names": ("International students", "Иностранные студенты", "Uluslararası öğrenciler"),
        "definition": (
            "Residence permits issued or valid for the purpose of education (PURPOSE = EDUC).",
            "Разрешения на проживание, выданные или действующие с целью обучения (PURPOSE = EDUC).",
            "Eğitim amacıyla verilen veya geçerli ikamet izinleri (PURPOSE = EDUC).",
        ),
    },
    "DF_IRREG_MIGR": {
        "dsd": "DSD_IRREG",
        "tier": 2,
        "stat_unit": "EVENT",
        "names": (
            "Irregular migrants apprehended",
            "Задержанные нерегулярные мигранты",
            "Yakalanan düzensiz göçmenler",
        ),
        "definition": (
            "Apprehensions of irregular migrants. These are events, not persons: one person can be counted several times.",
            "Задержания нерегулярных мигрантов. Это события, а не лица: одно лицо может быть учтено несколько раз.",
            "Düzensiz göçmen yakalamaları. Bunlar kişi değil olaydır: bir kişi birkaç kez sayılabilir.",
        ),
    },
    "DF_THB_VICTIM": {
        "dsd": "DSD_THB",
        "tier": 3,
        "stat_unit": "PERS",
        "names": (
            "Victims of trafficking identified",
            "Выявленные жертвы торговли людьми",
            "Tespit edilen insan ticareti mağdurları",
        ),
        "definition": (
            "Victims of trafficking in human beings identified by the reporting state's authorities in the period (SDG 16.2.2 numerator).",
            "Жертвы торговли людьми, выявленные органами отчитывающегося государства за период (числитель ЦУР 16.2.2).",
            "Raporlayan devletin makamlarınca dönem içinde tespit edilen insan ticareti mağdurları (SKA 16.2.2 payı).",
        ),
    },
    "DF_MIGR_POP": {
        "dsd": "DSD_MIGR_POP",
        "tier": 1,
        "headline": {"FLOW_TYPE": "IMM"},
        "stat_unit": "PERS",
        "names": (
            "Migration flows and population",
            "Миграционные потоки и население",
            "Göç akışları ve nüfus",
        ),
        "definition": (
            "Immigration, emigration (FLOW_TYPE IMM/EMI, long-term: 12 months or more) and population stocks (FLOW_TYPE STOCK, mid-year) by citizenship and country of birth.",
            "Иммиграция, эмиграция (FLOW_TYPE IMM/EMI, долгосрочная: 12 месяцев и более) и численность населения (FLOW_TYPE STOCK, на середину года) по гражданству и стране рождения.",
            "Vatandaşlık ve doğum ülkesine göre gelen ve giden göç (FLOW_TYPE IMM/EMI, uzun dönem: 12 ay ve üzeri) ile nüfus stokları (FLOW_TYPE STOCK, yıl ortası).",
        ),
    },
}

PERMIT_TYPE_MAP_TUR = {
    "SHORT_TERM": "OTHER",
    "FAMILY": "FAMILY",
    "STUDENT": "EDUC",
    "LONG_TERM": "OTHER",
    "HUMANITARIAN": "PROTECTION",
    "THB_VICTIM": "THB",
    "_T": "_T",
}

TUR_COMPARABILITY = (
    "Türkiye: work permits from the Ministry of Labour and Social Security (ÇSGB); residence permits, irregular migration and trafficking victims from the Presidency of Migration Management (DGMM, goc.gov.tr). Irregular migration counts apprehension events.",
    "Турция: разрешения на работу — Министерство труда и социального обеспечения (ÇSGB); виды на жительство, нерегулярная миграция и жертвы торговли людьми — Управление миграционной службы (DGMM, goc.gov.tr). Нерегулярная миграция учитывается по случаям задержания.",
    "Türkiye: çalışma izinleri Çalışma ve Sosyal Güvenlik Bakanlığı (ÇSGB); ikamet izinleri, düzensiz göç ve insan ticareti mağdurları Göç İdaresi Başkanlığı (goc.gov.tr). Düzensiz göç yakalama olaylarını sayar.",
)
