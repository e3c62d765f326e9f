# ruff: noqa: E501  (name data: long lines are easier to read than wrapped ones)
"""Name pools for the synthetic benchmark: real, common names written from general knowledge.

Order matters: earlier names are drawn more often (Zipf weights, exponent ``ZIPF_S``).
Central Asian pools are in national Cyrillic; Turkmen, Azerbaijani and Turkish in their Latin
orthographies; Afghan names as (Latin, Dari/Pashto script) pairs. Surnames are built from stems
(often a man's name) plus the country's suffix, as in real civil registries.
"""

from __future__ import annotations

ZIPF_S = 1.0
# Zipf–Mandelbrot offset (generator 2.0): see generate.Zipf.
ZIPF_Q = 6.0

KGZ = {
    "male": "Нурлан Бакыт Азамат Эрлан Улан Таалай Мирлан Эмил Бекболот Жыргалбек Канат Нурбек Алмаз "
    "Эрмек Медер Руслан Тимур Айбек Кубанычбек Өмүрбек Жээнбек Сапарбек Бактыбек Темирлан Данияр Марат "
    "Жоомарт Нурсултан Үсөн Кайрат Чынгыз Алтынбек Эсен Бекжан Максат Асылбек Тилек Болот Эркин Төлөгөн "
    "Айдар Жаныбек Адилет Улукбек Эльдияр Самат Курманбек Исмаил Акылбек Нурдин Мейкин Жусуп Сүйүнбай",
    "female": "Айгүл Асель Жамиля Гүлнара Айжан Динара Назгүл Чолпон Бермет Айпери Нуриза Жылдыз Мээрим "
    "Айзада Гүлмира Анара Салтанат Бүбүсара Айнура Каныкей Назира Эльмира Жибек Алтынай Сезим Айсулуу "
    "Гүлзат Мадина Асема Бактыгүл Нургүл Айдай Толгонай Чынара Элнура Айгерим Зарина Бегимай Кундуз Акмаанай",
    "stems": "Жээнбек Асан Токтогул Сатыбалды Абдылдаев Осмон Мамыт Табалды Бакиев Акматбек Турдубек Жапар "
    "Кадыр Ташиев Садыр Эшим Орозбек Мамбетали Токтосун Качкынбай Шабдан Байтик Көкөн Бекназар Арстанбек "
    "Сыдык Мурат Усубали Курманжан Калыс Керимбек Дөөлөт Атамбай Боронбай Эргеш Тынай Жолдош Кожомкул Сарыбай",
}
KAZ = {
    "male": "Нұрлан Ерлан Асхат Дәурен Бауыржан Қайрат Ерболат Нұрсұлтан Серік Марат Айдос Ержан Бекзат "
    "Дархан Мұхтар Ғалым Жандос Ерғали Арман Талғат Асқар Дидар Бақытжан Ернар Әлібек Мейрам Олжас Қанат "
    "Ақжол Нұрболат Самат Жасұлан Рустем Темірлан Әділет Ерік Болат Ілияс Мағжан Санжар Айбол Жәнібек Ғабит",
    "female": "Айгерім Гүлнар Әсел Жанар Динара Мадина Ақмарал Сәуле Ақбота Назерке Аружан Жансая Дана Гүлжан "
    "Айжан Салтанат Мөлдір Ұлжан Балжан Әйгерім Меруерт Қарлығаш Жұлдыз Гаухар Индира Шынар Айнұр Ботагөз "
    "Әлия Томирис Раушан Күләш Ләззат Бибігүл Перизат Зарина Сымбат Анель",
    "stems": "Нұрлан Қожахмет Сейітқали Тоқаев Жұмабек Әбіш Оразбай Бейсен Серікбай Құдайберген Смағұл Есенбай "
    "Мұқан Ахмет Жақып Қасым Әлімжан Байжан Омар Тұрсын Сұлтанбек Шәкен Ибраш Рақым Жаңабай Досмұхамбет Ермек "
    "Көшербай Мамыр Сапар Әбдірахман Қуаныш Бекмұхамбет Құрманғали Өтеміс Бердібек Жолдас Тілеуберді Мұхамед",
}
UZB = {
    "male": "Шерзод Бахтиёр Жасур Улуғбек Фаррух Азиз Рустам Отабек Дилшод Шухрат Бобур Жамшид Акмал Ислом "
    "Санжар Нодир Равшан Зафар Анвар Ботир Шавкат Ғайрат Хуршид Муҳаммад Абдулла Умид Тоҳир Фарход Достон "
    "Элёр Сардор Жавлон Ўткир Лазиз Баҳодир Мирзо Иброҳим Комил Нурбек Шоҳрух Ҳусан Эркин Абдуазиз",
    "female": "Гулнора Дилноза Нигора Мадина Зулфия Шаҳноза Малика Феруза Ҳилола Нилуфар Умида Гулчеҳра "
    "Дилфуза Мохира Севара Сурайё Ўғилой Барно Зарина Нодира Гавҳар Мунира Ойгул Юлдуз Шоира Хуршида Муаттар "
    "Лола Камола Саодат Дурдона Моҳинур Нафиса Гулшан Зебо Ирода Ҳулкар",
    "stems": "Каримов Юсуп Алишер Рашид Ғулом Тошпўлат Мирзаев Азимов Содиқ Раҳим Усмон Холмат Ҳамид Абдулла "
    "Носир Эргаш Қодир Турсун Маҳмуд Саид Исмоил Аҳмад Султон Хўжа Назар Иномжон Мамат Жўра Бўри Ўктам Шукур "
    "Норқўзи Абдуқаҳҳор Файзулла Собир Муродил Давлат Пўлат Ражаб Убайдулла",
}
TJK = {
    "male": "Фирдавс Сўҳроб Рустам Бахтиёр Шамсиддин Фаридун Сино Далер Умед Парвиз Меҳрубон Исмоил Ҷамшед "
    "Фаррух Амирхон Зафар Шаҳриёр Баҳром Комрон Искандар Ҳусейн Саидҷон Абдураҳмон Манучеҳр Носир Ҷалолиддин "
    "Сафар Наврӯз Аслиддин Қурбон Алишер Хуршед Дилшод Сайфулло Нуриддин Ғафур Азиз Мирзо Бобоҷон Шерали",
    "female": "Нилуфар Мадина Зарина Манижа Ситора Гулнора Шаҳноза Малика Фарзона Моҳира Дилнавоз Нигина "
    "Меҳрангез Сабрина Тахмина Гулрухсор Зулайхо Парвина Шабнам Мунира Фотима Ҳусния Озода Сурайё Бунафша "
    "Нозанин Анора Дилором Гулбаҳор Рухшона Шоира Садбарг Соҳиба Фирӯза",
    "stems": "Раҳмон Шарип Назар Қодир Ҳасан Саид Ҷалол Юсуф Маҳмуд Абдулло Каримов Давлат Сафар Ашур Раҳим "
    "Мирзо Исмоил Убайдулло Назрулло Шариф Олим Ҳамид Файзулло Қурбон Ғаффор Эмом Собир Нурулло Акбар Зоир "
    "Азим Бобо Ҳайдар Амон Мурод Қаҳҳор Ҳотам Тоҷиддин Ёр",
}
TKM = {
    "male": "Merdan Serdar Döwlet Berdi Atajan Myrat Aýdogdy Gurbanguly Batyr Maksat Rahman Kakajan Nury "
    "Ylýas Arslan Begenç Dowran Guwanç Bahar Hojamyrat Meret Orazmuhammet Saparmyrat Şatlyk Agageldi Dädebaý "
    "Ahmet Annamuhammet Babageldi Gylyç Ýusup Kerim Muhammetnazar Öwez Rejep Nazar Begmyrat",
    "female": "Ogulgerek Aýna Gülnar Jemile Maral Ogulbibi Bahar Enejan Mähri Sähra Aýgül Ogulşat Selbi "
    "Leýli Jennet Nurjahan Gözel Ýazgül Bibi Arzuw Dünýä Merjen Sona Sapargül Lale Ogulnabat",
    "stems": "Berdimuhamed Nurmuhammed Ataýew Orazow Nyýaz Gurban Saparmyrad Amanow Garaýew Hojamuhammed "
    "Rejep Annaýew Çaryýew Durdy Meret Kakaýew Baýram Öwez Gylyç Atabaý Allaberdi Nazar Hanmyrad Sähet Taganow",
}
AZE = {
    "male": "Elvin Rəşad Orxan Elnur Tural Rauf Kamran Fərid Ceyhun Vüqar Ramil Anar Əli Məhəmməd Hüseyn "
    "Emin Nicat Tofiq Rövşən Elçin Cavid Şahin İlham Zaur Rasim Mübariz Səməd Nurlan Vaqif Fuad Ülvi Pərviz "
    "Xəyal Qasım Cəmil Samir Əliqulu Yaşar Nadir",
    "female": "Aygün Günay Nərmin Leyla Sevinc Aysel Könül Şəbnəm Gülnar Aynur Nigar Səbinə Fidan Ülviyyə "
    "Türkan Lalə Xədicə Zəhra Nuray Gülşən Aidə Vüsalə Fəridə Elmira Rəna Səadət Mehriban Tamilla Nazlı Kəmalə",
    "stems": "Məmməd Əli Həsən Hüseyn Quliyev İsmayıl Abbas Nəcəf Kərim Rəhim Süleyman Rzayev Cəfər Babayev "
    "Qasım Həsənli Bağır Vəli Musa Əhməd İbrahim Xəlil Heydər Mirzə Səfər Orucov Şükür Kazım Rüstəm Nəbi Şirin",
}
TUR = {
    "male": "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil "
    "Süleyman Abdullah Mahmut Recep Salih Fatih Kadir Emre Hakan Burak Serkan Tolga Ilgaz Oğuz Çağrı Yiğit "
    "Şükrü Cengiz Erdoğan Gökhan Uğur Barış Özgür Volkan Kemal",
    "female": "Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem Yasemin "
    "Büşra Esra Gülsüm Dilek Songül Özge Şeyma Ebru Hülya Sibel Derya Pınar Çiğdem Ilgın Işıl Gökçe",
    "surnames": "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan "
    "Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar Şen Aktaş Güler Yalçın "
    "Güneş Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık Kaplan Avcı Sarı Tekin Taş Kurtuluş Ateş Başaran",
}
# (Latin as commonly written in Afghan documents, Dari/Pashto script)
AFG = {
    "male": [
        ("Mohammad", "محمد"),
        ("Ahmad", "احمد"),
        ("Abdul", "عبدل"),
        ("Mahmood", "محمود"),
        ("Karim", "کریم"),
        ("Rahim", "رحیم"),
        ("Nasir", "ناصر"),
        ("Jawed", "جاوید"),
        ("Farid", "فرید"),
        ("Hamid", "حمید"),
        ("Wahid", "وحید"),
        ("Rashid", "رشید"),
        ("Najib", "نجیب"),
        ("Zabihullah", "ذبیح‌الله"),
        ("Hekmatullah", "حکمت‌الله"),
        ("Ghulam", "غلام"),
        ("Habib", "حبیب"),
        ("Shafiq", "شفیق"),
        ("Bashir", "بشیر"),
        ("Nazir", "نذیر"),
        ("Sayed", "سید"),
        ("Omid", "امید"),
        ("Masood", "مسعود"),
        ("Yousuf", "یوسف"),
        ("Sohrab", "سهراب"),
        ("Khalid", "خالد"),
        ("Aziz", "عزیز"),
        ("Qadir", "قادر"),
        ("Sharif", "شریف"),
        ("Jamshid", "جمشید"),
        ("Mirwais", "میرویس"),
        ("Ajmal", "اجمل"),
    ],
    "female": [
        ("Fatima", "فاطمه"),
        ("Maryam", "مریم"),
        ("Zahra", "زهرا"),
        ("Nazia", "نازیه"),
        ("Parwana", "پروانه"),
        ("Shabnam", "شبنم"),
        ("Farzana", "فرزانه"),
        ("Malalai", "ملالی"),
        ("Roya", "رویا"),
        ("Laila", "لیلا"),
        ("Mariam", "مریم"),
        ("Sima", "سیما"),
        ("Nargis", "نرگس"),
        ("Freshta", "فرشته"),
        ("Mina", "مینا"),
        ("Habiba", "حبیبه"),
        ("Zarghona", "زرغونه"),
        ("Samira", "سمیرا"),
        ("Khadija", "خدیجه"),
        ("Homa", "هما"),
    ],
    "surnames": [
        ("Ahmadzai", "احمدزی"),
        ("Popalzai", "پوپلزی"),
        ("Karimi", "کریمی"),
        ("Rahimi", "رحیمی"),
        ("Hashimi", "هاشمی"),
        ("Noori", "نوری"),
        ("Sultani", "سلطانی"),
        ("Stanekzai", "ستانکزی"),
        ("Safi", "صافی"),
        ("Hotak", "هوتک"),
        ("Wardak", "وردک"),
        ("Mohammadi", "محمدی"),
        ("Azizi", "عزیزی"),
        ("Amiri", "امیری"),
        ("Haidari", "حیدری"),
        ("Hussaini", "حسینی"),
        ("Rasuli", "رسولی"),
        ("Sadat", "سادات"),
        ("Nazari", "نظری"),
        ("Barakzai", "بارکزی"),
        ("Mangal", "منگل"),
        ("Jalali", "جلالی"),
    ],
}
CITIES = {
    "KGZ": [
        "Бишкек",
        "Ош",
        "Жалал-Абад",
        "Каракол",
        "Токмок",
        "Нарын",
        "Талас",
        "Баткен",
        "Кара-Балта",
        "Өзгөн",
    ],
    "KAZ": [
        "Алматы",
        "Астана",
        "Шымкент",
        "Қарағанды",
        "Ақтөбе",
        "Тараз",
        "Павлодар",
        "Өскемен",
        "Семей",
        "Атырау",
    ],
    "UZB": [
        "Тошкент",
        "Самарқанд",
        "Бухоро",
        "Андижон",
        "Наманган",
        "Фарғона",
        "Қарши",
        "Нукус",
        "Термиз",
        "Урганч",
    ],
    "TJK": [
        "Душанбе",
        "Хуҷанд",
        "Кӯлоб",
        "Бохтар",
        "Истаравшан",
        "Панҷакент",
        "Ваҳдат",
        "Хоруғ",
        "Турсунзода",
    ],
    "TKM": ["Aşgabat", "Türkmenabat", "Daşoguz", "Mary", "Balkanabat", "Tejen", "Serdar"],
    "AZE": ["Bakı", "Gəncə", "Sumqayıt", "Mingəçevir", "Şəki", "Lənkəran", "Naxçıvan", "Quba", "Şirvan"],
    "TUR": [
        "İstanbul",
        "Ankara",
        "İzmir",
        "Bursa",
        "Antalya",
        "Konya",
        "Gaziantep",
        "Kayseri",
        "Iğdır",
        "Şanlıurfa",
    ],
    "AFG": [
        ("Kabul", "کابل"),
        ("Herat", "هرات"),
        ("Mazar-i-Sharif", "مزار شریف"),
        ("Kandahar", "کندهار"),
        ("Jalalabad", "جلال‌آباد"),
        ("Kunduz", "کندز"),
        ("Ghazni", "غزنی"),
    ],
}
# Share of entities per citizenship in the benchmark.
COUNTRY_WEIGHTS = {
    "KGZ": 0.2,
    "UZB": 0.2,
    "TJK": 0.15,
    "KAZ": 0.12,
    "AFG": 0.1,
    "AZE": 0.09,
    "TKM": 0.07,
    "TUR": 0.07,
}
