using Marketplace.Media.Storage;
using Marketplace.SharedKernel.Errors;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Marketplace.Media.Processing;

/// <summary>A variant the pages use: its name in URLs and the box it fits into.</summary>
internal sealed record VariantSpec(string Name, int Box, bool SquareCrop)
{
    /// <summary>Largest first: each is scaled down from the one before, which is cheaper than from the original.</summary>
    public static readonly IReadOnlyList<VariantSpec> All =
    [
        new("full", 1600, false),   // product page, zoom
        new("card", 640, false),    // product cards in lists and search, booth cards
        new("thumbnail", 240, true), // cart lines, gallery strips, seller centre (square)
    ];

    public static VariantSpec? Find(string name) => All.FirstOrDefault(v => v.Name == name);
}

/// <summary>One encoded variant, ready for the store.</summary>
internal sealed record EncodedVariant(string Key, byte[] Bytes, string ContentType);

internal sealed record RenderedImage(int Width, int Height, IReadOnlyList<EncodedVariant> Variants);

/// <summary>
/// Checks uploads and renders their variants with SixLabors.ImageSharp (fully managed: no native library to ship or
/// patch, and its header-only <c>Identify</c> tells the size before any pixel is decoded). The decoder set is limited
/// to JPEG, PNG and WebP, every allocation is capped, and at most <see cref="MediaOptions.MaxConcurrentDecodes"/>
/// images are decoded at once in this process, so memory stays bounded whatever arrives.
/// </summary>
internal sealed class ImagePipeline : IDisposable
{
    private readonly MediaOptions _options;
    private readonly SemaphoreSlim _gate;
    private readonly Configuration _configuration;
    private static readonly JpegEncoder Jpeg = new() { Quality = 82 };
    private static readonly WebpEncoder Webp = new() { Quality = 78, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level4 };

    public ImagePipeline(IOptions<MediaOptions> options)
    {
        _options = options.Value;
        _gate = new SemaphoreSlim(_options.MaxConcurrentDecodes, _options.MaxConcurrentDecodes);
        _configuration = new Configuration(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule())
        {
            // A pool big enough for a few working buffers; decoded images beyond it go back to the GC.
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                MaximumPoolSizeMegabytes = 64,
                AllocationLimitMegabytes = (int)Math.Min(1024, _options.MaxPixels * 4 / 1024 / 1024 + 16),
            }),
        };
    }

    /// <summary>
    /// Everything that decides whether an upload is accepted, before anything is stored: magic number and structure,
    /// the size from the header (a decompression bomb is refused here, unread), then a full decode, which must succeed.
    /// The decode is to 8-bit grey: the same entropy decoding (a damaged or truncated stream fails the same way) into a
    /// quarter of the memory of RGBA — 12 MB for a 12-megapixel photo instead of 48. <paramref name="image"/> must be
    /// seekable; it is read from the start three times and never copied whole.
    /// </summary>
    public async Task<Result<SourceFormat>> CheckAsync(Stream image, CancellationToken ct)
    {
        var sniffed = ImageSniffer.Sniff(image);
        if (!sniffed.IsSuccess)
        {
            return sniffed;
        }

        IImageInfo? info;
        try
        {
            image.Position = 0;
            info = await Image.IdentifyAsync(_configuration, image, ct);
        }
        catch (Exception ex) when (IsImageFault(ex))
        {
            return MediaErrors.Corrupt("The image header cannot be read.");
        }

        if (info is null)
        {
            return MediaErrors.Corrupt("The image header cannot be read.");
        }

        if (info.Width <= 0 || info.Height <= 0 || info.Width > _options.MaxSide || info.Height > _options.MaxSide
            || (long)info.Width * info.Height > _options.MaxPixels)
        {
            return MediaErrors.TooManyPixels(info.Width, info.Height, _options.MaxPixels, _options.MaxSide);
        }

        await _gate.WaitAsync(ct);
        try
        {
            image.Position = 0;
            using var decoded = await Image.LoadAsync<L8>(_configuration, image, ct);
            if (decoded.Frames.Count > 1)
            {
                return MediaErrors.Animated();
            }
        }
        catch (Exception ex) when (IsImageFault(ex))
        {
            return MediaErrors.Corrupt("The image cannot be decoded: it is damaged or truncated.");
        }
        finally
        {
            _gate.Release();
        }

        return sniffed.Value;
    }

    /// <summary>
    /// Decodes, turns upright from the EXIF orientation, drops every metadata profile (EXIF with its GPS position,
    /// ICC, IPTC, XMP), and encodes each variant as WebP and as JPEG (on white where the source was transparent).
    /// <paramref name="image"/> must be seekable (the format is identified first).
    /// </summary>
    public async Task<RenderedImage> RenderAsync(string hash, Stream image, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await Task.Run(() => Render(hash, image), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private RenderedImage Render(string hash, Stream image)
    {
        image.Position = 0;
        var format = Image.DetectFormat(_configuration, image);
        image.Position = 0;

        // JPEG has no alpha channel: three bytes a pixel instead of four (36 MB for 12 megapixels instead of 48).
        return format is JpegFormat
            ? Render(hash, Image.Load<Rgb24>(_configuration, image), opaque: true)
            : Render(hash, Image.Load<Rgba32>(_configuration, image), opaque: false);
    }

    private static RenderedImage Render<TPixel>(string hash, Image<TPixel> decoded, bool opaque)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var variants = new List<EncodedVariant>(VariantSpec.All.Count * 2);
        Image<TPixel>? previous = null;
        int width = 0, height = 0;
        try
        {
            using (decoded)
            {
                // Scale the full-size decode down first and turn the small copy upright: rotating the original would
                // copy all of its pixels once more. The box is measured on the upright picture.
                var upright = ResizeFor(VariantSpec.All[0], UprightSize(decoded));
                var size = SwapsSides(decoded) ? new Size(upright.Size.Height, upright.Size.Width) : upright.Size;
                previous = decoded.Clone(x => x.Resize(new ResizeOptions { Size = size, Mode = ResizeMode.Stretch, Sampler = upright.Sampler }));
            }

            previous.Mutate(x => x.AutoOrient());
            foreach (var spec in VariantSpec.All)
            {
                var next = spec == VariantSpec.All[0] ? previous : previous.Clone(x => x.Resize(ResizeFor(spec, previous.Size())));
                if (!ReferenceEquals(previous, next))
                {
                    previous.Dispose();
                }

                previous = next;
                StripMetadata(next);
                if (spec.Name == "full")
                {
                    (width, height) = (next.Width, next.Height);
                }

                variants.Add(new EncodedVariant(MediaKeys.Variant(hash, spec.Name, "webp"), Encode(next, Webp), "image/webp"));
                if (opaque)
                {
                    variants.Add(new EncodedVariant(MediaKeys.Variant(hash, spec.Name, "jpg"), Encode(next, Jpeg), "image/jpeg"));
                }
                else
                {
                    using var flat = next.Clone(x => x.BackgroundColor(Color.White));
                    variants.Add(new EncodedVariant(MediaKeys.Variant(hash, spec.Name, "jpg"), Encode(flat, Jpeg), "image/jpeg"));
                }
            }
        }
        finally
        {
            previous?.Dispose();
        }

        return new RenderedImage(width, height, variants);
    }

    /// <summary>EXIF orientations 5–8 are a quarter turn: the upright picture's width is the stored height.</summary>
    private static bool SwapsSides(Image image) =>
        image.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value is >= 5 and <= 8;

    private static Size UprightSize(Image image) => SwapsSides(image) ? new Size(image.Height, image.Width) : image.Size();

    /// <summary>Fits into the box without ever enlarging; the thumbnail is cropped to a square around the centre.</summary>
    private static ResizeOptions ResizeFor(VariantSpec spec, Size source)
    {
        var (width, height) = (source.Width, source.Height);
        if (spec.SquareCrop)
        {
            var side = Math.Min(spec.Box, Math.Min(width, height));
            return new ResizeOptions { Size = new Size(side, side), Mode = ResizeMode.Crop, Sampler = KnownResamplers.Bicubic };
        }

        var scale = Math.Min(1.0, Math.Min((double)spec.Box / width, (double)spec.Box / height));
        var size = new Size(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        return new ResizeOptions { Size = size, Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Bicubic };
    }

    private static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
        }
    }

    private static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    /// <summary>
    /// What a decoder throws for bad content. <see cref="InvalidDataException"/> comes from the deflate stream under a PNG
    /// whose compressed pixels are broken (chunks and CRCs intact, so nothing before the decode can tell).
    /// </summary>
    private static bool IsImageFault(Exception ex) =>
        ex is ImageFormatException or UnknownImageFormatException or InvalidImageContentException or InvalidMemoryOperationException
            or NotSupportedException or IndexOutOfRangeException or ArgumentException or EndOfStreamException or InvalidDataException;

    public void Dispose() => _gate.Dispose();
}
