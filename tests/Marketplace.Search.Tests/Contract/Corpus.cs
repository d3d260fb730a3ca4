using Marketplace.Search.Engines;

namespace Marketplace.Search.Tests.Contract;

/// <summary>
/// A small, hand-written catalogue of UMKM products from Palembang, Malang and Kediri that the contract suite searches.
/// Ids are fixed so the tie-break order (by product id) is predictable.
/// </summary>
internal static class Corpus
{
    public const string Palembang = "16.71";
    public const string Malang = "35.73";
    public const string Kediri = "35.71";
    public const string Expo = "pameran-kriya-palembang-2026";
    public static readonly Guid ExpoId = Guid.Parse("0e0e0e0e-0000-4000-8000-000000000001");

    public static readonly Guid PempekKapalSelam = Id(1);
    public static readonly Guid PempekLenjer = Id(2);
    public static readonly Guid KeripikTempe = Id(3);
    public static readonly Guid KeripikTempePedas = Id(4);
    public static readonly Guid SongketLepus = Id(5);
    public static readonly Guid TanjakSongket = Id(6);
    public static readonly Guid TasPandan = Id(7);
    public static readonly Guid TenunIkat = Id(8);
    public static readonly Guid BatikMalangan = Id(9);
    public static readonly Guid TahuTakwa = Id(10);
    public static readonly Guid KemplangPanggang = Id(11);
    public static readonly Guid KopiDampit = Id(12);
    public static readonly Guid LapisLegit = Id(13);
    public static readonly Guid GerabahHias = Id(14);
    public static readonly Guid PaketBuahTangan = Id(15);

    public static Guid Id(int n) => Guid.Parse($"00000000-0000-4000-8000-{n:D12}");

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<SearchDocument> All { get; } =
    [
        Doc(PempekKapalSelam, "Pempek Kapal Selam Isi Telur", "kuliner", Palembang, 4_500_000, 12, halal: true, day: 1,
            nameEn: "Fish cake with a whole egg inside", description: "Pempek besar isi telur ayam, dengan cuko pedas manis khas Palembang.",
            category: "Pempek", shop: ("pempek-cek-mah", "Pempek Cek Mah"), exhibition: true, rating: 4.5, reviews: 12),
        Doc(PempekLenjer, "Pempek Lenjer Isi 10", "kuliner", Palembang, 3_000_000, 30, halal: true, day: 2,
            nameEn: "Long fish cakes, 10 pieces", description: "Pempek lenjer ikan tenggiri, digoreng atau direbus.",
            category: "Pempek", shop: ("pempek-cek-mah", "Pempek Cek Mah"), rating: 4.5, reviews: 30),
        Doc(KeripikTempe, "Keripik Tempe Malang Original", "kuliner", Malang, 1_500_000, 40, halal: true, day: 3,
            nameEn: "Original tempeh chips", description: "Keripik tempe tipis dari Sanan, renyah & gurih. <Tanpa pengawet>",
            category: "Keripik", shop: ("keripik-sanan", "Keripik Sanan Bu Yayuk"), rating: 4.25, reviews: 8),
        Doc(KeripikTempePedas, "Keripik Tempe Pedas Daun Jeruk", "kuliner", Malang, 1_800_000, 0, halal: true, day: 4,
            nameEn: "Spicy tempeh chips", description: "Keripik tempe pedas dengan daun jeruk.",
            category: "Keripik", shop: ("keripik-sanan", "Keripik Sanan Bu Yayuk")),
        Doc(SongketLepus, "Kain Songket Palembang Motif Lepus", "kriya", Palembang, 250_000_000, 2, halal: false, day: 5,
            nameEn: "Palembang songket cloth, lepus motif", description: "Songket tenun tangan benang emas, dikerjakan tiga bulan oleh pengrajin di Tangga Buntung.",
            category: "Kain", shop: ("songket-cek-ipah", "Rumah Songket Cek Ipah"), exhibition: true, rating: 5, reviews: 2),
        Doc(TanjakSongket, "Tanjak Songket Palembang", "fashion", Palembang, 15_000_000, 5, halal: false, day: 6,
            nameEn: "Palembang songket headdress", description: "Ikat kepala tradisional dari kain songket.",
            category: "Aksesori", shop: ("songket-cek-ipah", "Rumah Songket Cek Ipah"), exhibition: true),
        Doc(TasPandan, "Tas Anyaman Pandan", "kriya", Kediri, 8_500_000, 7, halal: false, day: 7,
            nameEn: "Woven pandan bag", description: "Kerajinan tangan dari daun pandan, dianyam oleh ibu-ibu desa.",
            category: "Kerajinan Tangan", shop: ("anyaman-kediri", "Anyaman Kediri")),
        Doc(TenunIkat, "Tenun Ikat Bandar Kidul", "kriya", Kediri, 75_000_000, 3, halal: false, day: 8,
            nameEn: "Bandar Kidul ikat weaving", description: "Kain tenun ikat dengan alat tenun bukan mesin.",
            category: "Kain", shop: ("tenun-bandar", "Tenun Bandar Kidul")),
        Doc(BatikMalangan, "Batik Malangan Tulis Motif Topeng", "fashion", Malang, 45_000_000, 4, halal: false, day: 9,
            nameEn: "Hand-drawn Malangan batik", description: "Batik tulis motif topeng Malangan.",
            category: "Batik", shop: ("batik-malangan", "Batik Malangan Celaket")),
        Doc(TahuTakwa, "Tahu Takwa Kediri Isi 20", "kuliner", Kediri, 4_000_000, 25, halal: true, day: 10,
            nameEn: "Kediri yellow tofu, 20 pieces", description: "Tahu kuning padat khas Kediri.",
            category: "Tahu", shop: ("tahu-poo", "Tahu Poo Kediri"), rating: 3, reviews: 4),
        Doc(KemplangPanggang, "Kemplang Panggang Ikan Tenggiri", "kuliner", Palembang, 2_500_000, 50, halal: true, day: 11,
            nameEn: "Grilled fish crackers", description: "Kerupuk ikan tenggiri dipanggang di atas bara.",
            category: "Kerupuk", shop: ("pempek-cek-mah", "Pempek Cek Mah")),
        Doc(KopiDampit, "Kopi Dampit Robusta 250 gr", "kuliner", Malang, 6_000_000, 15, halal: true, day: 12,
            nameEn: "Dampit robusta coffee 250 g", description: "Biji kopi robusta dari lereng Semeru.",
            category: "Kopi", shop: ("kopi-dampit", "Kopi Dampit Jaya")),
        Doc(LapisLegit, "Kue Lapis Legit", "kuliner", Palembang, 20_000_000, 6, halal: true, day: 13,
            nameEn: "Layered spice cake", description: "Kue lapis legit dengan rempah pilihan.",
            category: "Kue", shop: ("songket-cek-ipah", "Rumah Songket Cek Ipah")),
        Doc(GerabahHias, "Gerabah Hias Tanah Liat", "kriya", Kediri, 3_000_000, 9, halal: false, day: 14,
            nameEn: "Decorative clay pottery", description: "Vas gerabah dibentuk dengan tangan.",
            category: "Gerabah", shop: ("anyaman-kediri", "Anyaman Kediri")),
        Doc(PaketBuahTangan, "Paket Buah Tangan Khas Kediri", "kuliner", Kediri, 12_000_000, 8, halal: true, day: 15,
            nameEn: "Kediri gift box", description: "Tahu takwa, getuk pisang dan stik tahu dalam satu kotak.",
            category: "Paket", shop: ("tahu-poo", "Tahu Poo Kediri")),
    ];

    public static SearchDocument Get(Guid id) => All.Single(d => d.ProductId == id);

    public static SearchDocument Doc(
        Guid id, string name, string subsector, string city, long price, int stock, bool halal, int day,
        string? nameEn = null, string? description = null, string? category = null, (string Slug, string Name)? shop = null,
        bool exhibition = false, double rating = 0, int reviews = 0)
    {
        var (cityName, province, provinceName) = city switch
        {
            Palembang => ("Kota Palembang", "16", "Sumatera Selatan"),
            Kediri => ("Kota Kediri", "35", "Jawa Timur"),
            _ => ("Kota Malang", "35", "Jawa Timur"),
        };
        var (shopSlug, shopName) = shop ?? ("toko-" + id.ToString("N")[^4..], "Toko " + name);
        return new SearchDocument(
            id, ShopIdOf(shopSlug), shopSlug, shopName, ShopVerified: true,
            name, nameEn, description, DescriptionEn: null, Story: "Dibuat di " + cityName + " oleh UMKM setempat.", category,
            Materials: [], subsector, subsector == "kuliner" ? "Kuliner" : subsector == "kriya" ? "Kriya" : "Fashion",
            city, cityName, province, provinceName, price, "IDR", stock, halal, Handmade: subsector != "kuliner", ImageUrl: null,
            CreatedAt: Start.AddDays(day), PublishedAt: Start.AddDays(day).AddHours(1), Version: 1,
            Exhibitions: exhibition ? [new ExhibitionTag(ExpoId, Expo)] : [],
            RatingAverage: rating, RatingCount: reviews);
    }

    public static Guid ShopIdOf(string slug) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(slug)));
}
