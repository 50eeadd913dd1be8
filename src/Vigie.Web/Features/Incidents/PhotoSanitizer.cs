using System.Buffers.Binary;
using System.Text;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// Checks an uploaded photo by its bytes and strips its metadata without decoding a pixel (no image library: nothing
/// native, no decoder fed with untrusted data). JPEG, PNG and WebP only, recognised by their signature (an executable
/// renamed <c>.jpg</c> is refused); dimensions read from the header and capped before anyone decodes it (a
/// decompression bomb is refused); metadata removed: JPEG APP1–APP15 segments but Adobe APP14 (EXIF, GPS, XMP, ICC,
/// maker notes, IPTC) and comments; PNG ancillary chunks but transparency and colour (tEXt, zTXt, iTXt, eXIf, tIME…);
/// WebP EXIF, XMP and ICCP chunks.
/// </summary>
public static class PhotoSanitizer
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public static readonly string TooBig = $"La photo dépasse la taille maximale de {MaxBytes / 1024 / 1024} Mo.";
    public const int MaxSide = 10_000;
    public const long MaxPixels = 40_000_000;

    public sealed record SanitizedPhoto(string ContentType, string Extension, int Width, int Height, byte[] Content);

    /// <summary>The cleaned photo, or a French error naming the problem.</summary>
    public static (SanitizedPhoto? Photo, string? Error) Clean(byte[] data)
    {
        if (data.Length == 0) return (null, "Le fichier de la photo est vide.");
        if (data.Length > MaxBytes) return (null, TooBig);
        try
        {
            var (photo, error) = IsJpeg(data) ? Jpeg(data) : IsPng(data) ? Png(data) : IsWebP(data) ? WebP(data)
                : (null, "Le fichier n'est pas une image JPEG, PNG ou WebP (son contenu a été vérifié, pas seulement son extension).");
            if (photo is null) return (null, error);
            if (photo.Width <= 0 || photo.Height <= 0) return (null, "L'image est illisible : ses dimensions sont invalides.");
            if (photo.Width > MaxSide || photo.Height > MaxSide || (long)photo.Width * photo.Height > MaxPixels)
                return (null, $"L'image est trop grande ({photo.Width} × {photo.Height} pixels) : {MaxSide} pixels de côté et {MaxPixels / 1_000_000} millions de pixels au plus.");
            return (photo, null);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException or OverflowException)
        {
            return (null, "L'image est illisible : le fichier est tronqué ou mal formé.");
        }
    }

    private static bool IsJpeg(byte[] d) => d.Length > 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static bool IsPng(byte[] d) => d.Length > 8 && d.AsSpan(0, 8).SequenceEqual(PngSignature);
    private static bool IsWebP(byte[] d) => d.Length > 12 && Ascii(d, 0) == "RIFF" && Ascii(d, 8) == "WEBP";
    private static string Ascii(byte[] d, int at) => Encoding.ASCII.GetString(d, at, 4);

    private static (SanitizedPhoto?, string?) Jpeg(byte[] d)
    {
        using var output = new MemoryStream(d.Length);
        output.Write(d, 0, 2);
        int pos = 2, width = 0, height = 0;
        var ended = false;
        while (pos < d.Length && !ended)
        {
            if (d[pos] != 0xFF) return (null, "L'image JPEG est mal formée.");
            while (pos + 1 < d.Length && d[pos + 1] == 0xFF) pos++; // fill bytes
            var marker = d[pos + 1];
            if (marker == 0xD9) { output.Write(d, pos, 2); ended = true; break; }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) { output.Write(d, pos, 2); pos += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(pos + 2, 2));
            if (length < 2 || pos + 2 + length > d.Length) return (null, "L'image JPEG est tronquée.");
            var end = pos + 2 + length;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && width == 0)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(pos + 5, 2));
                width = BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(pos + 7, 2));
            }
            var metadata = (marker is >= 0xE1 and <= 0xEF && marker != 0xEE) || marker == 0xFE;
            if (marker == 0xDA)
            {
                // Start of scan: the entropy-coded data runs to the next marker that is not a restart or a stuffed 0xFF00.
                while (end + 1 < d.Length && !(d[end] == 0xFF && d[end + 1] != 0x00 && d[end + 1] is not (>= 0xD0 and <= 0xD7))) end++;
                if (end + 1 >= d.Length) end = d.Length;
            }
            if (!metadata) output.Write(d, pos, end - pos);
            pos = end;
        }
        if (width == 0) return (null, "L'image JPEG n'indique pas ses dimensions.");
        return (new SanitizedPhoto("image/jpeg", "jpg", width, height, output.ToArray()), null);
    }

    private static readonly HashSet<string> PngKept = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs"];

    private static (SanitizedPhoto?, string?) Png(byte[] d)
    {
        using var output = new MemoryStream(d.Length);
        output.Write(PngSignature);
        int pos = 8, width = 0, height = 0;
        var first = true;
        while (pos + 12 <= d.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(pos, 4));
            if (length > int.MaxValue || pos + 12L + length > d.Length) return (null, "L'image PNG est tronquée.");
            var type = Ascii(d, pos + 4);
            if (first)
            {
                if (type != "IHDR") return (null, "L'image PNG est mal formée (en-tête IHDR absent).");
                width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(pos + 8, 4)));
                height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(pos + 12, 4)));
                first = false;
            }
            var size = 12 + (int)length;
            if (PngKept.Contains(type)) output.Write(d, pos, size);
            pos += size;
            if (type == "IEND") break;
        }
        if (first) return (null, "L'image PNG est mal formée.");
        return (new SanitizedPhoto("image/png", "png", width, height, output.ToArray()), null);
    }

    private static (SanitizedPhoto?, string?) WebP(byte[] d)
    {
        using var body = new MemoryStream(d.Length);
        int pos = 12, width = 0, height = 0;
        var vp8x = -1;
        while (pos + 8 <= d.Length)
        {
            var type = Ascii(d, pos);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(pos + 4, 4));
            var padded = length + (length & 1);
            if (pos + 8L + padded > d.Length && pos + 8L + length > d.Length) return (null, "L'image WebP est tronquée.");
            var size = (int)Math.Min(8L + padded, d.Length - pos);
            switch (type)
            {
                case "VP8X":
                    width = 1 + (d[pos + 12] | d[pos + 13] << 8 | d[pos + 14] << 16);
                    height = 1 + (d[pos + 15] | d[pos + 16] << 8 | d[pos + 17] << 16);
                    vp8x = (int)body.Position;
                    break;
                case "VP8 " when width == 0:
                    width = BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(pos + 14, 2)) & 0x3FFF;
                    height = BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(pos + 16, 2)) & 0x3FFF;
                    break;
                case "VP8L" when width == 0:
                    var bits = BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(pos + 9, 4));
                    width = (int)(bits & 0x3FFF) + 1;
                    height = (int)((bits >> 14) & 0x3FFF) + 1;
                    break;
            }
            if (type is not ("EXIF" or "XMP " or "ICCP")) body.Write(d, pos, size);
            pos += size;
        }
        var content = body.ToArray();
        // The extended header's flags must not announce the chunks just removed: ICC (0x20), EXIF (0x08), XMP (0x04).
        if (vp8x >= 0) content[vp8x + 8] &= 0b1101_0011;
        using var output = new MemoryStream(content.Length + 12);
        output.Write("RIFF"u8);
        Span<byte> riffSize = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(riffSize, (uint)(content.Length + 4));
        output.Write(riffSize);
        output.Write("WEBP"u8);
        output.Write(content);
        if (width == 0) return (null, "L'image WebP n'indique pas ses dimensions.");
        return (new SanitizedPhoto("image/webp", "webp", width, height, output.ToArray()), null);
    }
}
