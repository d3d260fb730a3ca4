namespace Marketplace.Catalog.Seeding;

/// <summary>
/// The demo storefronts: real product types of Palembang, Malang and Kediri, with made-up shops and people.
/// Each shop sells one "kind" of goods; each kind lists five products, each offered in two variants.
/// </summary>
internal static class DemoCatalogData
{
    internal sealed record ProductTemplate(
        string Name, string NameEn, string Category, string Subsector, long PriceRupiah,
        bool Food, int? ShelfLifeDays, string[] Materials, bool Handmade, string Description);

    internal sealed record Kind(string Code, (string Suffix, string SuffixEn, decimal PriceFactor)[] Variants, ProductTemplate[] Products);

    internal sealed record DemoShop(string Name, string CityCode, string KindCode, string[] Subsectors, string Founder, int Since, string Place, string Craft);

    private static ProductTemplate Food(string name, string nameEn, string category, long price, int shelfLife, string description, params string[] materials) =>
        new(name, nameEn, category, "kuliner", price, true, shelfLife, materials, true, description);

    private static ProductTemplate Craft(string name, string nameEn, string category, string subsector, long price, string description, params string[] materials) =>
        new(name, nameEn, category, subsector, price, false, null, materials, true, description);

    public static readonly Kind[] Kinds =
    [
        new("pempek", [("Isi 10", "10 pieces", 1m), ("Isi 25", "25 pieces", 2.3m)],
        [
            Food("Pempek Kapal Selam", "Pempek with egg filling", "Pempek", 65_000, 5, "Pempek ikan tenggiri berisi telur ayam utuh, disajikan dengan cuko kental.", "ikan tenggiri", "sagu", "telur"),
            Food("Pempek Lenjer", "Long fish cake pempek", "Pempek", 45_000, 5, "Pempek lenjer panjang, kenyal, gurih ikan belida dan tenggiri.", "ikan tenggiri", "sagu"),
            Food("Pempek Adaan", "Round fried pempek with shallots", "Pempek", 50_000, 5, "Pempek bulat dengan irisan bawang merah dan santan, digoreng langsung.", "ikan tenggiri", "sagu", "santan"),
            Food("Pempek Kulit Ikan", "Crispy fish-skin pempek", "Pempek", 40_000, 5, "Pempek dari kulit ikan tenggiri, renyah di luar, gurih di dalam.", "kulit ikan tenggiri", "sagu"),
            Food("Pempek Campur Paket Oleh-oleh", "Mixed pempek gift pack", "Oleh-oleh", 120_000, 7, "Paket oleh-oleh pempek campur dengan cuko botol, dikemas vakum.", "ikan tenggiri", "sagu", "gula aren"),
        ]),
        new("kemplang", [("250 gr", "250 g", 1m), ("500 gr", "500 g", 1.8m)],
        [
            Food("Kemplang Panggang Ikan Tenggiri", "Grilled mackerel crackers", "Kerupuk", 35_000, 90, "Kemplang dipanggang di atas bara, tanpa minyak, dengan sambal terpisah.", "ikan tenggiri", "tapioka"),
            Food("Kemplang Goreng Pedas", "Spicy fried fish crackers", "Kerupuk", 30_000, 90, "Kemplang goreng dengan bumbu cabai khas Sumatera Selatan.", "ikan tenggiri", "tapioka", "cabai"),
            Food("Kerupuk Ikan Belida", "Featherback fish crackers", "Kerupuk", 40_000, 120, "Kerupuk ikan belida resep lama, renyah dan gurih.", "ikan belida", "tapioka"),
            Food("Kerupuk Udang Sungsang", "Sungsang shrimp crackers", "Kerupuk", 38_000, 120, "Kerupuk udang dari nelayan Sungsang di muara Sungai Musi.", "udang", "tapioka"),
            Food("Kemplang Mentah Siap Goreng", "Uncooked fish crackers", "Kerupuk", 28_000, 180, "Kemplang mentah untuk digoreng atau dipanggang sendiri di rumah.", "ikan tenggiri", "tapioka"),
        ]),
        new("songket", [("Benang Katun", "cotton thread", 1m), ("Benang Sutra", "silk thread", 2.5m)],
        [
            Craft("Kain Songket Palembang Motif Lepus", "Palembang songket, Lepus motif", "Kain Songket", "kriya", 2_500_000, "Songket tenun tangan dengan benang emas menutupi hampir seluruh kain.", "benang emas", "katun"),
            Craft("Kain Songket Tretes Mender", "Songket, Tretes Mender motif", "Kain Songket", "kriya", 1_800_000, "Motif tretes di ujung kain, dikerjakan tiga minggu oleh satu penenun.", "benang emas", "katun"),
            Craft("Selendang Songket Bunga Tabur", "Songket shawl, scattered flowers", "Selendang", "fashion", 650_000, "Selendang songket ringan untuk kondangan dan acara adat.", "benang emas", "katun"),
            Craft("Songket Limar Palembang", "Limar songket", "Kain Songket", "kriya", 2_200_000, "Perpaduan teknik ikat limar dan songket, warna merah khas Palembang.", "benang emas", "katun"),
            Craft("Tanjak Songket Palembang", "Palembang songket headdress", "Aksesori", "fashion", 250_000, "Tanjak, ikat kepala pria Palembang, dari potongan songket asli.", "songket", "kertas karton"),
        ]),
        new("jumputan", [("Warna Alam", "natural dye", 1.2m), ("Warna Sintetis", "synthetic dye", 1m)],
        [
            Craft("Kain Jumputan Palembang", "Palembang tie-dye cloth", "Kain", "fashion", 250_000, "Kain jumputan diikat dan dicelup tangan, motif bintang dan titik.", "katun prima"),
            Craft("Kemeja Jumputan Pria", "Men's tie-dye shirt", "Kemeja", "fashion", 275_000, "Kemeja lengan pendek dari kain jumputan Palembang.", "katun"),
            Craft("Blus Jumputan Wanita", "Women's tie-dye blouse", "Blus", "fashion", 260_000, "Blus potongan longgar, nyaman untuk kerja dan jalan-jalan.", "rayon"),
            Craft("Syal Jumputan Sutra", "Silk tie-dye scarf", "Syal", "fashion", 320_000, "Syal jumputan dari sutra, warna gradasi.", "sutra"),
            Craft("Tas Jinjing Jumputan", "Tie-dye tote bag", "Tas", "desain-produk", 150_000, "Tas jinjing berlapis, dari sisa kain jumputan.", "katun", "kanvas"),
        ]),
        new("lakuer", [("Ukuran Kecil", "small", 1m), ("Ukuran Besar", "large", 1.9m)],
        [
            Craft("Kotak Perhiasan Lakuer Palembang", "Palembang lacquer jewellery box", "Lakuer", "kriya", 350_000, "Kayu tembesu dilapis lak merah dan dilukis emas, motif bunga tanjung.", "kayu tembesu", "lak", "prada emas"),
            Craft("Tempat Tisu Lakuer", "Lacquer tissue box", "Lakuer", "kriya", 180_000, "Tempat tisu kayu berlapis lak, cocok untuk ruang tamu.", "kayu tembesu", "lak"),
            Craft("Piring Hias Lakuer", "Decorative lacquer plate", "Lakuer", "kriya", 275_000, "Piring hias dinding dengan lukisan Jembatan Ampera.", "kayu", "lak"),
            Craft("Lemari Hias Mini Lakuer", "Miniature lacquer cabinet", "Lakuer", "kriya", 950_000, "Lemari hias mini ukiran Palembang dengan lak merah-emas.", "kayu tembesu", "lak", "prada emas"),
            Craft("Nampan Lakuer Motif Naga", "Lacquer tray, dragon motif", "Lakuer", "kriya", 225_000, "Nampan saji dengan motif naga pengaruh Tionghoa Palembang.", "kayu", "lak"),
        ]),
        new("kue-palembang", [("Loyang Kecil", "small tin", 1m), ("Loyang Besar", "large tin", 1.8m)],
        [
            Food("Kue Maksuba", "Maksuba layered egg cake", "Kue Basah", 180_000, 7, "Kue lapis telur bebek khas Palembang, dipanggang lapis demi lapis.", "telur bebek", "susu kental manis", "mentega"),
            Food("Kue Delapan Jam", "Eight-hour cake", "Kue Basah", 200_000, 7, "Dikukus delapan jam hingga cokelat karamel, hidangan Lebaran keluarga Palembang.", "telur bebek", "gula"),
            Food("Lempok Durian", "Durian dodol", "Manisan", 75_000, 60, "Lempok dari durian matang dan gula, dimasak berjam-jam.", "durian", "gula"),
            Food("Bolu Kojo Pandan", "Pandan kojo cake", "Kue Basah", 90_000, 5, "Bolu kojo hijau pandan, lembut dan legit.", "telur", "santan", "pandan"),
            Food("Engkak Ketan", "Sticky rice layer cake", "Kue Basah", 110_000, 5, "Kue lapis ketan dan santan, manis gurih.", "ketan", "santan", "telur"),
        ]),
        new("kopi", [("200 gr Bubuk", "200 g ground", 1m), ("500 gr Biji", "500 g beans", 2.2m)],
        [
            Food("Kopi Robusta Petik Merah", "Red-cherry robusta", "Kopi", 65_000, 365, "Hanya ceri merah yang dipetik, dijemur di para-para.", "kopi robusta"),
            Food("Kopi Arabika Natural", "Natural-process arabica", "Kopi", 95_000, 365, "Proses natural, aroma buah dan cokelat.", "kopi arabika"),
            Food("Kopi Luwak Liar", "Wild civet coffee", "Kopi", 250_000, 365, "Dari luwak liar di kebun petani, bukan kandang.", "kopi robusta"),
            Food("Kopi Jahe Sachet", "Ginger coffee sachets", "Kopi", 35_000, 365, "Kopi jahe instan, isi 10 sachet.", "kopi robusta", "jahe", "gula aren"),
            Food("Kopi Lanang (Peaberry)", "Peaberry coffee", "Kopi", 85_000, 365, "Biji kopi tunggal yang dipilih tangan.", "kopi robusta"),
        ]),
        new("buku", [("Sampul Lunak", "paperback", 1m), ("Sampul Keras", "hardcover", 1.7m)],
        [
            Craft("Buku Resep Pempek Warisan Nenek", "Grandma's pempek recipes", "Buku", "penerbitan", 95_000, "Tiga puluh resep pempek dan cuko dari dapur keluarga Palembang.", "kertas"),
            Craft("Cerita Rakyat Sumatera Selatan Bergambar", "Illustrated South Sumatran folk tales", "Buku Anak", "penerbitan", 85_000, "Kisah Pulau Kemaro dan Si Pahit Lidah untuk anak-anak.", "kertas"),
            Craft("Kamus Bahasa Palembang", "Palembang dialect dictionary", "Buku", "penerbitan", 120_000, "Kosakata bahasa Palembang sehari-hari dan baso alus.", "kertas"),
            Craft("Album Foto Sungai Musi", "Musi River photo book", "Buku Foto", "fotografi", 175_000, "Kehidupan di tepian Sungai Musi dalam seratus foto.", "kertas art paper"),
            Craft("Zine Kota Kreatif Palembang", "Palembang creative city zine", "Majalah", "penerbitan", 45_000, "Profil perajin dan pelaku kreatif muda Palembang.", "kertas"),
        ]),
        new("keripik-tempe", [("250 gr", "250 g", 1m), ("500 gr", "500 g", 1.85m)],
        [
            Food("Keripik Tempe Sanan Original", "Original Sanan tempeh chips", "Keripik", 25_000, 90, "Tempe tipis dari Sentra Sanan, digoreng dengan tepung beras berbumbu.", "kedelai", "tepung beras", "daun jeruk"),
            Food("Keripik Tempe Pedas Daun Jeruk", "Spicy lime-leaf tempeh chips", "Keripik", 27_000, 90, "Keripik tempe dengan cabai dan daun jeruk purut.", "kedelai", "cabai", "daun jeruk"),
            Food("Keripik Tempe Balado", "Balado tempeh chips", "Keripik", 27_000, 90, "Dibalur bumbu balado manis pedas.", "kedelai", "cabai", "gula"),
            Food("Keripik Tempe Rasa Keju", "Cheese tempeh chips", "Keripik", 28_000, 90, "Rasa keju untuk anak-anak.", "kedelai", "bubuk keju"),
            Food("Keripik Tempe Sagu", "Sago tempeh chips", "Keripik", 26_000, 90, "Keripik tempe berbalut adonan sagu, ekstra renyah.", "kedelai", "sagu"),
        ]),
        new("keripik-buah", [("100 gr", "100 g", 1m), ("250 gr", "250 g", 2.2m)],
        [
            Food("Keripik Apel Malang", "Malang apple chips", "Keripik Buah", 30_000, 180, "Apel manalagi digoreng vakum, tanpa pengawet.", "apel manalagi"),
            Food("Keripik Nangka", "Jackfruit chips", "Keripik Buah", 32_000, 180, "Nangka matang digoreng vakum, manis alami.", "nangka"),
            Food("Keripik Salak", "Snake fruit chips", "Keripik Buah", 30_000, 180, "Salak pondoh goreng vakum, renyah.", "salak"),
            Food("Keripik Nanas", "Pineapple chips", "Keripik Buah", 30_000, 180, "Nanas goreng vakum, asam manis.", "nanas"),
            Food("Keripik Buah Campur", "Mixed fruit chips", "Keripik Buah", 35_000, 180, "Apel, nangka, salak dan nanas dalam satu kemasan.", "apel", "nangka", "salak", "nanas"),
        ]),
        new("batik", [("Batik Cap", "stamped batik", 1m), ("Batik Tulis", "hand-drawn batik", 2.8m)],
        [
            Craft("Kain Batik Malangan Motif Topeng", "Malangan batik, mask motif", "Kain Batik", "fashion", 250_000, "Motif topeng Malangan dipadu sulur bunga teratai.", "katun primissima", "malam", "pewarna"),
            Craft("Kain Batik Motif Tugu dan Teratai", "Batik, Tugu and lotus motif", "Kain Batik", "fashion", 240_000, "Ikon Tugu Malang di tengah kolam teratai.", "katun primissima", "malam"),
            Craft("Kemeja Batik Pria Lengan Panjang", "Men's long-sleeved batik shirt", "Kemeja", "fashion", 325_000, "Kemeja batik berlapis furing untuk acara resmi.", "katun", "malam"),
            Craft("Dress Batik Wanita", "Women's batik dress", "Dress", "fashion", 350_000, "Dress batik potongan A, panjang selutut.", "katun", "malam"),
            Craft("Selendang Batik Sutra", "Silk batik shawl", "Selendang", "fashion", 300_000, "Selendang batik di atas sutra ATBM.", "sutra", "malam"),
        ]),
        new("topeng", [("Ukuran Hiasan", "decorative size", 1m), ("Ukuran Tari", "dance size", 1.6m)],
        [
            Craft("Topeng Malangan Panji Asmorobangun", "Malangan mask, Panji", "Topeng", "kriya", 450_000, "Topeng tokoh Panji, diukir dari kayu pule dan diwarnai tangan.", "kayu pule", "cat"),
            Craft("Topeng Malangan Klono Sewandono", "Malangan mask, Klono", "Topeng", "kriya", 450_000, "Topeng raja Klono berwarna merah, mata melotot.", "kayu pule", "cat"),
            Craft("Topeng Malangan Dewi Sekartaji", "Malangan mask, Sekartaji", "Topeng", "kriya", 425_000, "Topeng putri Sekartaji berwajah putih halus.", "kayu pule", "cat"),
            Craft("Gantungan Kunci Topeng Mini", "Mini mask key rings", "Suvenir", "kriya", 25_000, "Suvenir topeng mini, isi lima.", "kayu", "cat"),
            Craft("Hiasan Dinding Topeng Bapang", "Bapang mask wall decor", "Topeng", "seni-rupa", 375_000, "Topeng Bapang berhidung panjang untuk hiasan dinding.", "kayu pule", "cat"),
        ]),
        new("gerabah", [("Kecil", "small", 1m), ("Besar", "large", 2.1m)],
        [
            Craft("Vas Gerabah Dinoyo", "Dinoyo earthenware vase", "Gerabah", "kriya", 120_000, "Vas tanah liat dibakar tungku, glasir biru.", "tanah liat", "glasir"),
            Craft("Guci Keramik Motif Bunga", "Floral ceramic jar", "Keramik", "kriya", 275_000, "Guci keramik dengan lukisan bunga tangan.", "tanah liat", "glasir"),
            Craft("Celengan Gerabah Ayam", "Rooster clay piggy bank", "Gerabah", "kriya", 45_000, "Celengan ayam jago warna-warni.", "tanah liat", "cat"),
            Craft("Set Cangkir Keramik", "Ceramic cup set", "Keramik", "desain-produk", 180_000, "Empat cangkir dan tatakan, glasir cokelat tanah.", "tanah liat", "glasir"),
            Craft("Pot Tanaman Terakota", "Terracotta planter", "Gerabah", "desain-interior", 65_000, "Pot terakota berpori, baik untuk akar.", "tanah liat"),
        ]),
        new("oleh-oleh-malang", [("Satuan", "single", 1m), ("Paket Isi 3", "pack of 3", 2.7m)],
        [
            Food("Strudel Apel Malang", "Malang apple strudel", "Kue", 55_000, 4, "Pastry berlapis dengan isian apel Malang dan kayu manis.", "apel", "tepung", "mentega"),
            Food("Bakpao Telo Ungu", "Purple sweet potato buns", "Kue", 40_000, 3, "Bakpao dari ubi ungu, isi cokelat dan kacang.", "ubi ungu", "tepung"),
            Food("Sari Apel Malang", "Malang apple juice", "Minuman", 35_000, 180, "Sari apel manalagi, kemasan gelas isi 12.", "apel manalagi"),
            Food("Dodol Apel", "Apple dodol", "Manisan", 25_000, 90, "Dodol lembut dari apel dan ketan.", "apel", "ketan", "gula"),
            Food("Pia Kacang Hijau Malang", "Mung bean pia", "Kue", 30_000, 10, "Pia isi kacang hijau, kulit berlapis.", "kacang hijau", "tepung"),
        ]),
        new("seni", [("Tanpa Bingkai", "unframed", 1m), ("Dengan Bingkai", "framed", 1.5m)],
        [
            Craft("Lukisan Kaca Gunung Bromo", "Reverse glass painting, Mount Bromo", "Lukisan", "seni-rupa", 600_000, "Lukisan kaca teknik terbalik, matahari terbit di Bromo.", "kaca", "cat"),
            Craft("Lukisan Cat Minyak Kampung Warna-warni Jodipan", "Oil painting, Jodipan rainbow village", "Lukisan", "seni-rupa", 1_500_000, "Kampung Jodipan di tepi Brantas dalam cat minyak.", "kanvas", "cat minyak"),
            Craft("Poster Ilustrasi Kota Malang", "Malang city illustrated poster", "Poster", "desain-komunikasi-visual", 120_000, "Ilustrasi ikon kota Malang, cetak giclee.", "kertas"),
            Craft("Stiker Pack Arek Malang", "Malang sticker pack", "Stiker", "desain-komunikasi-visual", 35_000, "Sepuluh stiker boso walikan: osi, kera ngalam, ebes.", "vinyl"),
            Craft("Kartu Pos Ilustrasi Malang Tempo Doeloe", "Old Malang postcards", "Kartu Pos", "desain-komunikasi-visual", 45_000, "Delapan kartu pos bangunan kolonial Malang.", "kertas"),
        ]),
        new("tahu", [("Isi 10", "10 pieces", 1m), ("Isi 20", "20 pieces", 1.9m)],
        [
            Food("Tahu Takwa Kediri Kuning", "Kediri yellow takwa tofu", "Tahu", 35_000, 4, "Tahu padat berwarna kuning dari kunyit, resep keluarga sejak zaman Belanda.", "kedelai", "kunyit"),
            Food("Tahu Pong Kediri", "Kediri puffed tofu", "Tahu", 30_000, 4, "Tahu goreng berongga, cocok dengan petis.", "kedelai"),
            Food("Stik Tahu Takwa", "Takwa tofu sticks", "Camilan", 25_000, 60, "Stik tahu renyah untuk oleh-oleh.", "kedelai", "tepung"),
            Food("Kerupuk Tahu", "Tofu crackers", "Kerupuk", 22_000, 90, "Kerupuk dari ampas tahu, gurih.", "ampas tahu", "tapioka"),
            Food("Tahu Bakso Kediri", "Kediri tofu with meatball filling", "Tahu", 45_000, 3, "Tahu isi bakso daging sapi.", "kedelai", "daging sapi"),
        ]),
        new("tenun", [("Bahan Katun", "cotton", 1m), ("Bahan Sutra", "silk", 2.4m)],
        [
            Craft("Kain Tenun Ikat Bandar Kidul Motif Sekar Jagad", "Bandar Kidul ikat, Sekar Jagad", "Kain Tenun", "kriya", 450_000, "Ditenun dengan alat tenun bukan mesin (ATBM) di Kelurahan Bandar Kidul.", "benang katun", "pewarna"),
            Craft("Kain Tenun Ikat Motif Lereng", "Ikat weave, Lereng motif", "Kain Tenun", "kriya", 425_000, "Motif lereng diagonal, warna alam dari kayu tingi.", "benang katun", "pewarna alam"),
            Craft("Sarung Tenun Ikat Kediri", "Kediri ikat sarong", "Sarung", "fashion", 350_000, "Sarung tenun ikat untuk ibadah dan acara keluarga.", "benang katun"),
            Craft("Kemeja Tenun Ikat Pria", "Men's ikat shirt", "Kemeja", "fashion", 375_000, "Kemeja dari kain tenun ikat Bandar Kidul.", "tenun ikat"),
            Craft("Tas Selempang Tenun Ikat", "Ikat sling bag", "Tas", "desain-produk", 185_000, "Tas selempang berlapis kulit sintetis.", "tenun ikat", "kulit sintetis"),
        ]),
        new("jajanan-kediri", [("Satu Kotak", "one box", 1m), ("Dua Kotak", "two boxes", 1.9m)],
        [
            Food("Gethuk Pisang Kediri", "Kediri banana gethuk", "Jajanan", 25_000, 3, "Pisang raja dikukus, dihaluskan dan dibungkus daun pisang.", "pisang raja", "gula"),
            Food("Sambal Pecel Kediri", "Kediri peanut pecel sauce", "Bumbu", 30_000, 120, "Sambal kacang pecel pedas sedang, tinggal seduh air panas.", "kacang tanah", "cabai", "daun jeruk"),
            Food("Krupuk Pasir Kediri", "Kediri sand-fried crackers", "Kerupuk", 20_000, 90, "Kerupuk disangrai di pasir, tanpa minyak.", "tapioka", "bawang putih"),
            Food("Jenang Kediri", "Kediri jenang", "Manisan", 28_000, 30, "Jenang ketan dan gula merah, legit.", "ketan", "gula merah", "santan"),
            Food("Emping Melinjo Kediri", "Kediri melinjo crackers", "Kerupuk", 45_000, 120, "Emping melinjo tipis, digeprek tangan.", "melinjo"),
        ]),
        new("anyaman", [("Ukuran Sedang", "medium", 1m), ("Ukuran Besar", "large", 1.7m)],
        [
            Craft("Keranjang Anyaman Bambu", "Woven bamboo basket", "Anyaman", "kriya", 85_000, "Keranjang bambu apus, anyaman rapat.", "bambu apus"),
            Craft("Tas Anyaman Pandan", "Pandan woven bag", "Tas", "kriya", 120_000, "Tas pandan pewarna alam dengan tali kulit.", "daun pandan", "kulit"),
            Craft("Tudung Saji Bambu", "Bamboo food cover", "Anyaman", "kriya", 65_000, "Tudung saji dicat motif bunga.", "bambu"),
            Craft("Lampu Gantung Anyaman Rotan", "Rattan pendant lamp", "Lampu", "desain-interior", 275_000, "Kap lampu rotan untuk ruang makan.", "rotan"),
            Craft("Nampan Anyaman Lidi", "Palm-rib woven tray", "Anyaman", "kriya", 55_000, "Nampan lidi kelapa, ringan dan kuat.", "lidi kelapa"),
        ]),
        new("gamelan", [("Miniatur", "miniature", 1m), ("Ukuran Latihan", "practice size", 3.5m)],
        [
            Craft("Miniatur Gamelan Jawa Set", "Miniature Javanese gamelan set", "Alat Musik", "musik", 650_000, "Set gamelan mini berbunyi, untuk hiasan dan belajar.", "kuningan", "kayu jati"),
            Craft("Bonang Kuningan", "Brass bonang", "Alat Musik", "musik", 950_000, "Bonang ditempa tangan, laras pelog.", "kuningan"),
            Craft("Saron Besi", "Iron saron", "Alat Musik", "musik", 750_000, "Saron bilah besi untuk sanggar dan sekolah.", "besi", "kayu"),
            Craft("Kendang Ciblon", "Ciblon drum", "Alat Musik", "musik", 1_100_000, "Kendang kulit kambing, badan kayu nangka.", "kayu nangka", "kulit kambing"),
            Craft("Suling Bambu", "Bamboo flute", "Alat Musik", "musik", 75_000, "Suling bambu laras slendro.", "bambu"),
        ]),
    ];

    public static readonly DemoShop[] Shops =
    [
        new("Pempek Cek Sri", "16.71", "pempek", ["kuliner"], "Cek Sri Hartati", 1998, "Seberang Ulu", "menggiling ikan tenggiri sendiri setiap subuh"),
        new("Pempek Dempo Lama", "16.71", "pempek", ["kuliner"], "Wak Daud", 1985, "Jalan Dempo", "meneruskan resep cuko dari almarhumah ibunya"),
        new("Kemplang Tenggiri Pulau Kemaro", "16.71", "kemplang", ["kuliner"], "Yuk Leha", 2005, "Pulau Kemaro", "memanggang kemplang di atas bara arang kayu"),
        new("Kerupuk Sungsang Bahari", "16.71", "kemplang", ["kuliner"], "Kak Rudi", 2012, "Sungsang", "bekerja dengan nelayan muara Sungai Musi"),
        new("Songket Tuan Kentang", "16.71", "songket", ["kriya", "fashion"], "Nyimas Aisyah", 1990, "Tuan Kentang", "memimpin dua puluh penenun di kampung songket"),
        new("Songket Nyayu Ratna", "16.71", "songket", ["kriya", "fashion"], "Nyayu Ratna", 2001, "Tangga Buntung", "menenun songket dengan alat tenun gedogan"),
        new("Jumputan Kampung Tuan Kentang", "16.71", "jumputan", ["fashion"], "Bu Zubaidah", 2008, "Tuan Kentang", "mengikat dan mencelup kain dengan tangan"),
        new("Lakuer Bumi Sriwijaya", "16.71", "lakuer", ["kriya"], "Koh Ahong", 1979, "Kawasan 19 Ilir", "melapis kayu tembesu dengan lak dan prada emas"),
        new("Kue Khas Palembang Bunda Mira", "16.71", "kue-palembang", ["kuliner"], "Bunda Mira", 2010, "Plaju", "memanggang maksuba lapis demi lapis"),
        new("Kopi Semendo Ampera", "16.71", "kopi", ["kuliner"], "Bang Jamil", 2015, "Ampera", "membeli kopi langsung dari petani Semendo"),
        new("Tanjak Sriwijaya", "16.71", "songket", ["fashion"], "Mang Ujang", 2017, "Bukit Kecil", "menjahit tanjak dan aksesori songket"),
        new("Penerbit Tepian Musi", "16.71", "buku", ["penerbitan", "fotografi"], "Kak Dinda", 2014, "Ilir Timur", "menerbitkan buku tentang budaya Palembang"),
        new("Keripik Tempe Sanan Bu Yayuk", "35.73", "keripik-tempe", ["kuliner"], "Bu Yayuk", 1995, "Sentra Sanan", "mengiris tempe setipis kertas dengan tangan"),
        new("Keripik Tempe Rohani", "35.73", "keripik-tempe", ["kuliner"], "Pak Rohani", 1988, "Sanan, Purwantoro", "membuat tempe sendiri dari kedelai pilihan"),
        new("Keripik Buah Poncokusumo", "35.07", "keripik-buah", ["kuliner"], "Mas Eko", 2009, "Poncokusumo", "menggoreng vakum buah dari kebun tetangga"),
        new("Batik Celaket Malangan", "35.73", "batik", ["fashion"], "Bu Anita", 2003, "Celaket", "mengangkat motif topeng dan Tugu Malang"),
        new("Batik Tulis Blimbing", "35.73", "batik", ["fashion"], "Mbak Sulis", 2011, "Blimbing", "membatik tulis bersama ibu-ibu kampung"),
        new("Topeng Malangan Asmorobangun", "35.07", "topeng", ["kriya", "seni-pertunjukan"], "Mbah Karimun (alm.) dan cucunya", 1960, "Dusun Kedungmonggo, Pakisaji", "mengukir topeng untuk sanggar tari Malangan"),
        new("Gerabah Dinoyo Sae", "35.73", "gerabah", ["kriya"], "Pak Slamet", 1982, "Dinoyo", "membakar keramik di tungku kampung keramik Dinoyo"),
        new("Kopi Dampit Lereng Semeru", "35.07", "kopi", ["kuliner"], "Cak Darto", 2013, "Dampit", "menjemur robusta di lereng Semeru"),
        new("Oleh-oleh Kayutangan", "35.73", "oleh-oleh-malang", ["kuliner"], "Mbak Rina", 2016, "Kayutangan Heritage", "membuat strudel dan kue dari apel Malang"),
        new("Lukisan Kaca Arema", "35.73", "seni", ["seni-rupa"], "Mas Bayu", 2007, "Klojen", "melukis terbalik di atas kaca"),
        new("Mbois Studio", "35.73", "seni", ["desain-komunikasi-visual", "desain-produk"], "Arek-arek Mbois", 2019, "Jalan Ijen", "menggambar ilustrasi kota Malang"),
        new("Sari Apel Batu Bersemi", "35.07", "oleh-oleh-malang", ["kuliner"], "Bu Wahyuni", 2006, "Pujon", "mengolah apel petani lereng Arjuno"),
        new("Kopi Tumpang Arjuna", "35.07", "kopi", ["kuliner"], "Pak Kasiadi", 2010, "Tumpang", "menyangrai kopi dengan wajan tanah liat"),
        new("Tahu Takwa LYM", "35.71", "tahu", ["kuliner"], "Keluarga Liem", 1912, "Jalan Trunojoyo", "membuat tahu takwa dengan resep sejak 1912"),
        new("Tahu Takwa Bah Kacung", "35.71", "tahu", ["kuliner"], "Bah Kacung", 1965, "Pakelan", "merebus tahu dalam air kunyit semalaman"),
        new("Tenun Ikat Medali Mas Bandar Kidul", "35.71", "tenun", ["kriya", "fashion"], "Pak Munawar", 1989, "Bandar Kidul", "menenun ikat dengan ATBM kayu"),
        new("Tenun Ikat Kodok Ngorek", "35.71", "tenun", ["kriya", "fashion"], "Bu Siti", 2004, "Bandar Kidul", "mengikat benang pakan menjadi motif"),
        new("Gethuk Pisang Mbok Nah", "35.71", "jajanan-kediri", ["kuliner"], "Mbok Nah", 1975, "Jalan Dhoho", "membungkus gethuk dengan daun pisang"),
        new("Pecel Kediri Bu Tin", "35.06", "jajanan-kediri", ["kuliner"], "Bu Tin", 1999, "Pare", "menumbuk sambal pecel dengan lumpang batu"),
        new("Anyaman Bambu Ngadiluwih", "35.06", "anyaman", ["kriya", "desain-interior"], "Pak Parno", 1994, "Ngadiluwih", "menganyam bambu apus dari kebun sendiri"),
        new("Kopi Lereng Kelud", "35.06", "kopi", ["kuliner"], "Mas Yusuf", 2016, "Ngancar", "merawat kopi di lereng Gunung Kelud"),
        new("Batik Wastra Panjalu", "35.71", "batik", ["fashion"], "Bu Ratih", 2012, "Mojoroto", "menggali motif kerajaan Kediri kuno"),
        new("Gamelan Mini Kediri", "35.06", "gamelan", ["musik", "kriya"], "Pak Harjo", 1986, "Wates", "menempa bilah gamelan kuningan"),
        new("Kerupuk Pasir Mak Ijah", "35.06", "jajanan-kediri", ["kuliner"], "Mak Ijah", 1992, "Gurah", "menyangrai kerupuk dengan pasir sungai"),
    ];
}
