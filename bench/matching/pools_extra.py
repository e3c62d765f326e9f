# ruff: noqa: E501  (name data: long lines are easier to read than wrapped ones)
"""Larger name pools (generator 2.0): the hand-written lists of ``pools`` plus more names.

Real populations draw from hundreds to thousands of given names and surnames, with a heavy head
(a few very common names) and a long tail. The lists in ``pools`` hold 25–55 names each, which
makes namesakes far more frequent than in any real registry. Here each list is extended with

* more real names written from general knowledge, and
* **compound names built the way the languages build them**: Kyrgyz/Kazakh/Uzbek roots with
  -бек/-бай/-жан (Нурбек, Алтынбай, Асылжан), Tajik -улло/-иддин (Нурулло, Шамсиддин), Turkmen
  -geldi/-berdi/-myrat (Annageldi, Allaberdi, Orazmyrat), women's -гүл/-ой/-хон (Айгүл, Ойгул,
  Мадинахон), Afghan -ullah (Hekmatullah) and -i surnames (Hamidi). Some combinations are rare
  in reality; that only lengthens the tail, which is what real name distributions have.

Surname stems are, as in the registries, mostly men's names, so the surname pool grows with the
men's pool. Frequencies: Zipf–Mandelbrot by list order (see ``generate.Zipf``), so the hand-written
common names keep the head and the compounds form the tail.
"""

from __future__ import annotations

# --- Cyrillic countries: roots × suffixes, plus extra whole names ----------------------------

KGZ = {
    "male_roots": "Нур Алтын Асыл Бакыт Темир Кубаныч Өмүр Жээн Сапар Акыл Курман Жаны Улук Эр Ак Айт Алым Арстан Бол "
    "Дөөлөт Жакып Жолдош Кадыр Канат Кыдыр Мамат Мырза Сары Султан Таш Токто Тынчтык Талант Азат Медет Ырыс Замир "
    "Рахат Элмир Нурлан Кеңеш Жеңиш Абды Самат Таалай Бектур Мурат Осмон Калыс Шайыр Бакай Чоро Эсен Кутман",
    "male_suffixes": "бек бай жан",
    "male_extra": "Адилбек Байтик Бектемир Бекмамат Жанарбек Жаркынбек Искендер Калыбек Кенжебек Мирбек Нурсейит "
    "Орозбек Сейитбек Таштанбек Төрөбек Үмөтали Чубак Шерадил Эмилбек Бакберген Манас Семетей Сейтек Айбек",
    "female_roots": "Ай Гүл Нур Бакыт Жаныл Мээр Алтын Жибек Сезим Ширин Назик Күн Бүбү Асел Чолпон Жыпар Бермет Мира "
    "Зуура Бурул Бегим Асыл Анар Уулжан Калыйкан Ырыс Салкын Акыл Дилбар",
    "female_suffixes": "гүл жан",
    "female_extra": "Айнагүл Бурулай Венера Гүлайым Гүлбара Гүлшайыр Жазгүл Жаңыл Зейнеп Каныш Мөлмөл Нургиза Сабира "
    "Сайкал Токтобүбү Урмат Чынаргүл Шаирбек Эркайым Айчүрөк Аида Асылкан Бактыкан Жумагүл",
    "stems_extra": "Абдраим Айдаралы Аманбай Бөрүбай Дүйшөн Жумабай Исмаил Кулмат Момун Мукаш Нуралы Ормон Сарбагыш "
    "Султанбай Токон Турсун Чыныбай Шаршен Эшмат Ыдырыс Үсөнбай Кочкор Сагын",
    "cities": "Бишкек Ош Жалал-Абад Каракол Токмок Нарын Талас Баткен Кара-Балта Өзгөн Кант Балыкчы Кара-Суу Ноокат "
    "Кызыл-Кыя Майлуу-Суу Сулюкта Чолпон-Ата Кочкор-Ата Таш-Көмүр Базар-Коргон Араван Ноокен Токтогул Беловодское "
    "Сокулук Ивановка Кемин Чаек Ат-Башы Көк-Жар Ак-Суу Түп Жети-Өгүз Бакай-Ата Манас Кадамжай Лейлек Исфана",
}
KAZ = {
    "male_roots": "Нұр Алтын Асыл Бақыт Темір Ер Айдос Дос Жан Қайрат Серік Әли Мұрат Сұлтан Бол Ақ Жақсы Төле Жұма "
    "Құрман Ораз Сапар Ғали Әділ Дәулет Мақсат Қуаныш Бауыр Есен Қожа Мұқан Ахмет Тілеу Бақ Нұрлы Ибрай Сейіт Жолдас",
    "male_suffixes": "бек жан бай",
    "male_extra": "Абай Абылай Айбар Алмат Бағлан Берік Дамир Данияр Елдос Ерасыл Ербол Жомарт Ілияс Қасымжомарт Мирас "
    "Нұрасыл Нұржан Рахат Руслан Сабыр Тимур Ұлан Шыңғыс Ерсұлтан Әлихан Біржан Досжан",
    "female_roots": "Ай Гүл Нұр Ақ Жан Мөл Сәуле Бал Әсем Дана Жұлдыз Шынар Жібек Сая Ару Мерей Інжу Ләззат Ботагөз Құралай",
    "female_suffixes": "гүл жан",
    "female_extra": "Айша Ақерке Әлима Гүлназ Дариға Жадыра Жазира Зере Инкар Камила Кәмшат Ләйлә Майра Меруерт Нұргүл "
    "Риза Сабина Тоғжан Ұлпан Шолпан Эльмира Ясмин Балауса",
    "stems_extra": "Әбілқасым Байтұрсын Бекежан Дүйсен Жанұзақ Қалиев Керімбай Құнанбай Мамырбай Назарбай Оспан Рысқұл "
    "Сәрсен Тұрар Шәріп Ыбырай Үсен Кенжеғали Ахметжан Жүсіп",
    "cities": "Алматы Астана Шымкент Қарағанды Ақтөбе Тараз Павлодар Өскемен Семей Атырау Қостанай Қызылорда Орал "
    "Петропавл Ақтау Түркістан Талдықорған Екібастұз Теміртау Кентау Жезқазған Балқаш Сәтбаев Қаскелең Есік Талғар "
    "Сарыағаш Жаркент Шардара Арыс Ленгер Жетісай Аягөз Зайсан Қапшағай Байқоңыр",
}
UZB = {
    "male_roots": "Шер Бахт Жасур Азиз Рустам Ота Дил Шуҳрат Бобур Жамшид Акмал Ислом Нодир Равшан Зафар Анвар Ботир "
    "Шавкат Хуршид Умид Фарҳод Сардор Жавлон Лазиз Комил Нур Шоҳ Ҳасан Ҳусан Ғулом Мурод Содиқ Тоҳир Олим Икром "
    "Акром Баҳром Бек Сарвар Ҳабиб",
    "male_suffixes": "бек жон",
    "male_extra": "Абдуманнон Абдусалом Аброр Азамат Акбар Алишер Аъзам Бекзод Бунёд Жахонгир Жўрабек Зиёвуддин Иззат "
    "Илҳом Камолиддин Мансур Миржалол Мўминжон Нуриддин Обид Ойбек Орифжон Пўлат Раҳматулло Сайдулло Самандар "
    "Толиб Файзулло Хайрулло Шаҳзод Шерали Эркин Ёқуб Юнус Қаҳрамон Ғани Ҳайдар Ўлмас",
    "female_roots": "Ой Гул Нур Дил Шаҳ Моҳ Зар Сев Юлдуз Фар Ҳур Меҳр Ҳилол Нозим Лола",
    "female_suffixes": "гул ой хон",
    "female_extra": "Азиза Барчиной Гулбаҳор Гулноза Дилбар Дилорам Зуҳра Камила Кумуш Лайло Маҳлиё Мафтуна Меҳринисо "
    "Мўътабар Насиба Нигина Озода Паризод Раъно Садоқат Сайёра Сарвиноз Шоҳида Шаҳло Ёқутой Ўғилжон Ҳадича Ҳумора",
    "stems_extra": "Абдуллаев Алимов Аминов Бобоев Валиев Ғаниев Жалилов Зокиров Ибрагимов Исмоилов Қосимов Латипов "
    "Мамадалиев Нуруллаев Одилов Пўлатов Раҳимов Саидов Тошматов Усмонов Файзиев Холиқов Шарипов Эргашев Юлдашев "
    "Ҳакимов Ўринов Норматов Бўриев Мўминов",
    "cities": "Тошкент Самарқанд Бухоро Андижон Наманган Фарғона Қарши Нукус Термиз Урганч Жиззах Гулистон Навоий "
    "Қўқон Марғилон Чирчиқ Олмалиқ Ангрен Бекобод Хива Шаҳрисабз Денов Каттақўрғон Чуст Асака Хонобод Янгийўл "
    "Зарафшон Учқўрғон Шаҳрихон Ғиждувон Китоб Қўнғирот Хўжайли Риштон Пахтаобод",
}
TJK = {
    "male_roots": "Нур Сайф Ҳабиб Фатҳ Неъмат Аҳмад Ҳамид Абд Каром Ваҳид Ҳидоят Амон Иззат Раҳмат Фазл Ҳикмат Хайр "
    "Шамс Ҷалол Фахр Сироҷ Зайн Камол Баҳр Ҳисом Зиё Муҳсин Нусрат Асад Ғиёс",
    "male_suffixes": "улло иддин",
    "male_extra": "Абдуллоҷон Аброр Акбар Алиҷон Амир Анушервон Бахтовар Бежан Бобур Гулмурод Давлат Ёдгор Зоир Илҳом "
    "Исфандиёр Кайхусрав Латиф Маҳмадалӣ Мирзоҳасан Мурод Наҷибулло Нозим Ориф Раҷаб Рустамҷон Саидалӣ Сиёвуш Сорбон "
    "Толиб Ҳасан Ҳусейнҷон Хусрав Шодмон Шоҳрух Ҷамолиддин Қаҳрамон Фирӯз Эраҷ Ҷовид",
    "female_roots": "Гул Моҳ Ситор Нигор Дил Шаб Мех Зар Нур Ҳур Парӣ Ширин Лола Фар Бону",
    "female_suffixes": "гул ой бону",
    "female_extra": "Азиза Барно Гулҷаҳон Дилафрӯз Зебо Ирода Кимиё Латофат Лайло Матлуба Меҳрубон Мӯҳтарам Наргис "
    "Нодира Озарахш Парвона Рухсора Сабоҳат Саодат Сарвиноз Таҳмина Фарангис Фирӯза Ҳилола Шаҳло Шукрона Ёсмин",
    "stems_extra": "Абдуллоев Алиев Ашуров Бобоев Валиев Ғафуров Давлатов Ёров Зарипов Иброҳимов Камолов Латифов Мирзоев "
    "Назаров Одинаев Пирмуҳаммад Раҳимов Саидов Тошев Умаров Файзуллоев Холов Шарипов Эмомалӣ Юсуфов Ҳакимов "
    "Қурбонов Ҷӯраев Нуров Сангов",
    "cities": "Душанбе Хуҷанд Кӯлоб Бохтар Истаравшан Панҷакент Ваҳдат Хоруғ Турсунзода Исфара Конибодом Ҳисор "
    "Норак Роғун Данғара Вахш Шаҳритус Қубодиён Ашт Ғончӣ Мастчоҳ Айнӣ Рашт Файзобод Ҷиликӯл Фархор Мӯъминобод "
    "Ёвон Бӯстон Гулистон Левакант Ховалинг Шаҳринав Рӯдакӣ Бобоҷон-Ғафуров",
}

# --- Latin countries -----------------------------------------------------------------------

TKM = {
    "male_roots": "Anna Hoja Alla Oraz Beg Sapar Gurban Baý Aman Nur Döwlet Kaka Baba Aga Ata Ýagmyr Tagan Gylyç "
    "Muhammet Bally Öwez Rejep Arslan Çary",
    "male_suffixes": "geldi berdi myrat nazar",
    "male_extra": "Azat Bäşim Dowletmyrat Eziz Hemra Ilmyrat Jepbar Kerimberdi Ýazmyrat Ruslan Sapa Şöhrat Täçmyrat "
    "Wepa Ysmaýyl Ýusup Begli Ahmet Halmyrat Atamyrat Orazgeldi",
    "female_roots": "Ogul Aý Gül Bibi Ene Jeren Maral Sona Bahar Ýaz Ak Mähri Näzik Şirin",
    "female_suffixes": "gül jemal bibi jan nabat",
    "female_extra": "Aýsoltan Bägül Dürli Gülşat Jahan Läle Meret Nargiz Näzli Oguljan Söýli Täzegül Ýazgül Zöhre",
    "stems_extra": "Annamyrat Atageldi Baýramgeldi Berdiýew Çaryýar Gurbangeldi Hajy Jumaýew Kurbanow Nepesow Orazgeldi "
    "Rozyýew Sähetmyrat Tagangeldi Weliýew Ýagmyrow",
    "cities": "Aşgabat Türkmenabat Daşoguz Mary Balkanabat Tejen Serdar Baýramaly Türkmenbaşy Köneürgenç Kaka Bereket "
    "Gazojak Sakar Baharly Gökdepe Ýolöten Saýat Magdanly Kerki Änew Hazar",
}
AZE = {
    "male_extra": "Abbas Adil Ağa Akif Anar Arif Asif Azər Bəhruz Cəlal Cümşüd Elşən Eldar Elxan Emil Etibar Eyvaz "
    "Fazil Fikrət Habil Hikmət İsmət Kənan Kərim Mahir Mirzə Namiq Nəsimi Nurlan Oqtay Pənah Ramiz Rəsul Ruslan "
    "Sabir Samir Seymur Şamil Teymur Toğrul Ülvi Vasif Yusif Zaur Zakir Elgün Murad Nihad Rüfət Rəhim",
    "female_extra": "Afaq Aidə Almaz Arzu Bahar Dilarə Dürdanə Elnarə Esmira Gülnarə Günel Xanım Kamilə Lamiyə Mədinə "
    "Məleykə Nailə Nərgiz Pəri Reyhan Rəna Sevda Səidə Sevil Solmaz Şəhla Tünzalə Ulduz Vəfa Yeganə Zərifə Zümrüd Ayşən",
    "stems_extra": "Abdullayev Allahverdiyev Bayramov Cəbrayılov Əsədov Fərzəliyev Hacıyev Hüseynli İsgəndərov "
    "Kərimli Mehdiyev Mustafayev Nağıyev Paşayev Qəhrəmanov Salmanov Tağıyev Vəliyev Zeynalov Əhmədli",
    "cities": "Bakı Gəncə Sumqayıt Mingəçevir Şəki Lənkəran Naxçıvan Quba Şirvan Şamaxı Yevlax Ağdam Bərdə Göyçay "
    "Masallı Salyan Xaçmaz Zaqatala Qəbələ Tovuz Qazax Şəmkir Ağcabədi İmişli Sabirabad Cəlilabad Astara Lerik",
}
TUR = {
    "male_extra": "Adem Alper Arda Berk Bülent Cem Cemal Deniz Doğan Ekrem Engin Erkan Ersin Eyüp Fikret Gürkan "
    "Hamza Harun İlhan İsa Kaan Kerem Levent Mert Metin Musa Necati Nihat Onur Orhan Rıza Sinan Şahin Taner "
    "Tarık Turgay Umut Yakup Yasin Yunus Zafer Ziya Cihan Efe Emir Enes Furkan Koray",
    "female_extra": "Aslı Ayla Aysel Ayten Belgin Berna Burcu Canan Ceren Damla Ebru Eda Fadime Feride Filiz Gamze "
    "Gönül Güler Hacer Hande İpek Kader Leyla Melek Nazlı Nermin Nurcan Rabia Saadet Selin Sevgi Tuğba Türkan "
    "Yeliz Zerrin Zübeyde Hilal Kübra Sena Tülay",
    "surnames_extra": "Akın Altun Aydemir Bayram Bilgin Bozdağ Coşkun Çiftçi Demirci Duman Eren Erol Gündoğdu Gürbüz "
    "Kahraman Karaca Karakaya Kaya Kocabaş Oral Ören Özbek Özgür Parlak Sağlam Sevim Soylu Sönmez Tan Toprak "
    "Tuncer Uçar Uysal Yağız Yaman Yazıcı Yurt Zengin Akbulut Aksoy Baysal Cengiz Dinç Elmas Genç Işıklar Kalkan "
    "Karataş Kılınç Metin Önal Özer Savaş Tatlı Tunç Ulusoy Yiğit Yüksel Alkan",
    "cities": "İstanbul Ankara İzmir Bursa Antalya Konya Gaziantep Kayseri Iğdır Şanlıurfa Adana Mersin Diyarbakır "
    "Samsun Trabzon Erzurum Van Kars Ağrı Malatya Sivas Eskişehir Denizli Kocaeli Sakarya Hatay Manisa Elazığ "
    "Batman Ordu Rize Yozgat",
}

# --- Afghanistan: (Latin, Dari/Pashto) pairs ----------------------------------------------

AFG_ULLAH_ROOTS = [
    ("Hekmat", "حکمت"),
    ("Rahmat", "رحمت"),
    ("Nasrat", "نصرت"),
    ("Amin", "امین"),
    ("Sami", "سمیع"),
    ("Najib", "نجیب"),
    ("Habib", "حبیب"),
    ("Aman", "امان"),
    ("Inayat", "عنایت"),
    ("Ehsan", "احسان"),
    ("Asad", "اسد"),
    ("Saif", "سیف"),
    ("Hamid", "حمید"),
    ("Rafi", "رفیع"),
    ("Khalil", "خلیل"),
    ("Fazl", "فضل"),
    ("Naqib", "نقیب"),
    ("Ezat", "عزت"),
    ("Hayat", "حیات"),
    ("Shafi", "شفیع"),
    ("Rahim", "رحیم"),
    ("Karim", "کریم"),
    ("Wali", "ولی"),
    ("Noor", "نور"),
    ("Obaid", "عبید"),
    ("Atta", "عطا"),
    ("Roh", "روح"),
    ("Zia", "ضیا"),
    ("Kalim", "کلیم"),
    ("Sana", "ثنا"),
]
AFG_MALE_EXTRA = [
    ("Jawad", "جواد"),
    ("Sohail", "سهیل"),
    ("Fawad", "فواد"),
    ("Hasib", "حسیب"),
    ("Mujtaba", "مجتبی"),
    ("Murtaza", "مرتضی"),
    ("Mustafa", "مصطفی"),
    ("Idris", "ادریس"),
    ("Ismail", "اسماعیل"),
    ("Ibrahim", "ابراهیم"),
    ("Haroon", "هارون"),
    ("Zahir", "ظاهر"),
    ("Tariq", "طارق"),
    ("Shakib", "شکیب"),
    ("Wasim", "وسیم"),
    ("Naveed", "نوید"),
    ("Farhad", "فرهاد"),
    ("Bilal", "بلال"),
    ("Hamza", "حمزه"),
    ("Qasim", "قاسم"),
    ("Asif", "آصف"),
    ("Latif", "لطیف"),
    ("Sadiq", "صادق"),
    ("Emal", "ایمل"),
    ("Zalmai", "زلمی"),
    ("Daud", "داوود"),
    ("Musa", "موسی"),
    ("Yahya", "یحیی"),
    ("Zakaria", "زکریا"),
    ("Aslam", "اسلم"),
    ("Akram", "اکرم"),
    ("Anwar", "انور"),
    ("Shoaib", "شعیب"),
    ("Sabir", "صابر"),
    ("Jalil", "جلیل"),
    ("Nabi", "نبی"),
    ("Rauf", "رئوف"),
    ("Javid", "جاوید"),
    ("Fahim", "فهیم"),
    ("Nazar", "نظر"),
]
AFG_FEMALE_EXTRA = [
    ("Nilofar", "نیلوفر"),
    ("Marzia", "مرضیه"),
    ("Sakina", "سکینه"),
    ("Soraya", "ثریا"),
    ("Gulalai", "گلالی"),
    ("Shakila", "شکیلا"),
    ("Fariba", "فریبا"),
    ("Frozan", "فروزان"),
    ("Nadia", "نادیه"),
    ("Rahima", "رحیمه"),
    ("Karima", "کریمه"),
    ("Latifa", "لطیفه"),
    ("Hamida", "حمیده"),
    ("Zainab", "زینب"),
    ("Masuma", "معصومه"),
    ("Shukria", "شکریه"),
    ("Storai", "ستوری"),
    ("Mahbooba", "محبوبه"),
    ("Najiba", "نجیبه"),
    ("Halima", "حلیمه"),
    ("Aziza", "عزیزه"),
    ("Anisa", "انیسه"),
    ("Sharifa", "شریفه"),
    ("Wahida", "وحیده"),
    ("Zarmina", "زرمینه"),
    ("Palwasha", "پلوشه"),
    ("Setara", "ستاره"),
    ("Tahmina", "تهمینه"),
    ("Mahnaz", "مهناز"),
    ("Parisa", "پریسا"),
    ("Yalda", "یلدا"),
    ("Shirin", "شیرین"),
    ("Gulnaz", "گلناز"),
    ("Rabia", "رابعه"),
    ("Hasina", "حسینه"),
    ("Bahara", "بهاره"),
    ("Marwa", "مروه"),
    ("Sadia", "سعدیه"),
    ("Fawzia", "فوزیه"),
    ("Lina", "لینا"),
]
# Surnames from a man's name + -i (Hamidi, Habibi) and tribal -zai names.
AFG_SURNAME_ROOTS = [
    ("Hamid", "حمید"),
    ("Habib", "حبیب"),
    ("Rashid", "رشید"),
    ("Sharif", "شریف"),
    ("Qadir", "قادر"),
    ("Nasir", "ناصر"),
    ("Farid", "فرید"),
    ("Bashir", "بشیر"),
    ("Nazir", "نذیر"),
    ("Jamshid", "جمشید"),
    ("Latif", "لطیف"),
    ("Sadiq", "صادق"),
    ("Akram", "اکرم"),
    ("Anwar", "انور"),
    ("Sabir", "صابر"),
    ("Jalil", "جلیل"),
    ("Wahid", "وحید"),
    ("Najib", "نجیب"),
    ("Khalil", "خلیل"),
    ("Amin", "امین"),
    ("Ehsan", "احسان"),
    ("Asad", "اسد"),
    ("Rahman", "رحمان"),
    ("Yousuf", "یوسف"),
    ("Ibrahim", "ابراهیم"),
    ("Zahir", "ظاهر"),
    ("Fahim", "فهیم"),
    ("Samad", "صمد"),
    ("Hakim", "حکیم"),
    ("Jawad", "جواد"),
]
AFG_SURNAME_EXTRA = [
    ("Mohammadzai", "محمدزی"),
    ("Ishaqzai", "اسحاقزی"),
    ("Noorzai", "نورزی"),
    ("Alizai", "علیزی"),
    ("Yousufzai", "یوسفزی"),
    ("Achakzai", "اچکزی"),
    ("Alokozai", "الکوزی"),
    ("Zadran", "زدران"),
    ("Mohmand", "مهمند"),
    ("Shinwari", "شینواری"),
    ("Kakar", "کاکر"),
    ("Durrani", "درانی"),
    ("Niazi", "نیازی"),
    ("Tokhi", "توخی"),
    ("Andar", "اندړ"),
    ("Sahak", "ساهک"),
    ("Mujadidi", "مجددی"),
    ("Ghaznawi", "غزنوی"),
    ("Herawi", "هروی"),
    ("Kabuli", "کابلی"),
]
AFG_CITIES_EXTRA = [
    ("Bamyan", "بامیان"),
    ("Faryab", "فاریاب"),
    ("Baghlan", "بغلان"),
    ("Takhar", "تخار"),
    ("Badakhshan", "بدخشان"),
    ("Parwan", "پروان"),
    ("Logar", "لوگر"),
    ("Paktia", "پکتیا"),
    ("Khost", "خوست"),
    ("Helmand", "هلمند"),
    ("Farah", "فراه"),
    ("Nimroz", "نیمروز"),
    ("Jawzjan", "جوزجان"),
    ("Samangan", "سمنگان"),
    ("Wardak", "وردک"),
    ("Laghman", "لغمان"),
    ("Kapisa", "کاپیسا"),
    ("Daikundi", "دایکندی"),
    ("Ghor", "غور"),
    ("Badghis", "بادغیس"),
]


def _unique(items: list) -> list:
    seen: set = set()
    out = []
    for item in items:
        key = item if isinstance(item, str) else item[0]
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _compounds(roots: str, suffixes: str) -> list[str]:
    """Roots × suffixes, suffix-major so that each suffix's names spread through the tail."""
    out = []
    for root in roots.split():
        for suffix in suffixes.split():
            if root.endswith("ий") and suffix.startswith("и"):
                continue
            out.append(root + suffix)
    return out


def extended(country: str, base: dict) -> dict[str, list]:
    """The hand-written lists of ``base`` followed by the extra names and compounds."""
    if country == "AFG":
        ullah = [(lat + "ullah", ara + "\u200cالله") for lat, ara in AFG_ULLAH_ROOTS]
        surnames = [(lat + "i", ara + "ی") for lat, ara in AFG_SURNAME_ROOTS]
        return {
            "male": _unique(list(base["male"]) + AFG_MALE_EXTRA + ullah),
            "female": _unique(list(base["female"]) + AFG_FEMALE_EXTRA),
            "surnames": _unique(list(base["surnames"]) + surnames + AFG_SURNAME_EXTRA),
        }
    extra = globals()[country]
    out: dict[str, list] = {}
    for sex in ("male", "female"):
        names = base[sex].split()
        names += extra[f"{sex}_extra"].split()
        if f"{sex}_roots" in extra:
            names += _compounds(extra[f"{sex}_roots"], extra[f"{sex}_suffixes"])
        out[sex] = _unique(names)
    if "stems" in base:
        out["stems"] = _unique(base["stems"].split() + extra["stems_extra"].split())
    else:
        out["surnames"] = _unique(base["surnames"].split() + extra["surnames_extra"].split())
    return out


def cities(country: str, base: list) -> list:
    if country == "AFG":
        return _unique(list(base) + AFG_CITIES_EXTRA)
    return _unique(list(base) + globals()[country]["cities"].split())
