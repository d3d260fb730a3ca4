using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Catalog.Media;

/// <summary>
/// The Catalog's own copy of the images a product or shop page shows (Media's, kept by <see cref="MediaChangedHandler"/>):
/// two columns on the product's or shop's row, so the page is one statement on one context instead of a second round
/// trip to the Media module's tables. The list is stored as JSON text (both stores read it with the row, no join, no
/// row per image); the revision is the Media owner's, null while the row has no copy yet (a row from before the copy
/// existed, until <see cref="MediaCopyBackfill"/> reaches it), and then pages read Media as before.
/// </summary>
internal static class MediaCopy
{
    /// <summary>A product's page shows its photos; a shop's its logo and banner. The copy keeps only those slots.</summary>
    public static IReadOnlyList<MediaImageView> ProductImages(MediaSet set) => set.InSlot(MediaSlot.Photo);

    public static IReadOnlyList<MediaImageView> ShopImages(MediaSet set) =>
        set.Images.Where(i => i.Slot is MediaSlot.Logo or MediaSlot.Banner).ToList();

    public static void Configure<T>(EntityTypeBuilder<T> b, Expression<Func<T, IReadOnlyList<MediaImageView>?>> images)
        where T : class =>
        b.Property(images).HasConversion(Converter, Comparer);

    // EF never hands a null to a converter (a null copy is a NULL column).
    private static readonly ValueConverter<IReadOnlyList<MediaImageView>?, string> Converter = new(
        images => JsonSerializer.Serialize(images!, MediaCopyJson.Default.IReadOnlyListMediaImageView),
        json => JsonSerializer.Deserialize(json, MediaCopyJson.Default.IReadOnlyListMediaImageView) ?? Array.Empty<MediaImageView>());

    // The views are records (value equality): a tracked row whose copy did not change is not written.
    private static readonly ValueComparer<IReadOnlyList<MediaImageView>?> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        images => images == null ? 0 : images.Aggregate(0, (hash, image) => HashCode.Combine(hash, image.GetHashCode())),
        images => images == null ? null : images.ToList());
}

/// <summary>Enum names, not numbers, so a reordered contract enum never misreads a stored copy.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<MediaImageView>))]
internal sealed partial class MediaCopyJson : JsonSerializerContext;
