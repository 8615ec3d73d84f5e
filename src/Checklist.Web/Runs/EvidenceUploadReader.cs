using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Checklist.Web.Runs;

/// <summary>
/// Reads a multipart evidence upload section by section as it streams in, hashing the file on the way, and stops
/// as soon as the file passes the limit: an oversized upload is never buffered whole, in memory or on disk.
/// The request's own body limit (Kestrel) is raised to match, so the configured limit is the one that applies.
/// </summary>
public sealed class EvidenceUploadReader(EvidenceOptions options)
{
    /// <summary>Room for the multipart framing and the small text fields next to the file.</summary>
    public const long FormOverheadBytes = 1024 * 1024;
    private const int MaxFieldBytes = 64 * 1024;
    private const int MaxFields = 20;
    private const int BufferSize = 81920;

    public long MaxFileBytes => options.MaxFileBytes;

    /// <exception cref="EvidenceUploadException">The body is not multipart, is malformed, or its file passes the limit.</exception>
    public async Task<EvidenceForm> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var bodyLimit = options.MaxFileBytes + FormOverheadBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = bodyLimit;
        if (request.ContentLength > bodyLimit) throw TooLarge();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new EvidenceUploadException("Send the file as multipart/form-data with a part named 'file'.", StatusCodes.Status415UnsupportedMediaType);
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            throw new EvidenceUploadException("The multipart body names no boundary.", StatusCodes.Status400BadRequest);

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        EvidenceUpload? file = null;
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                // IsFormDisposition() means a plain field (form-data without a file name), so the type is compared instead.
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    // A browser sends an empty part with no file name when no file was chosen.
                    if (string.IsNullOrWhiteSpace(fileName)) { await section.Body.DrainAsync(ct); continue; }
                    if (file is not null)
                        throw new EvidenceUploadException("Attach one file per upload.", StatusCodes.Status400BadRequest);
                    file = await ReadFileAsync(section, fileName, ct);
                }
                else
                {
                    if (fields.Count >= MaxFields)
                        throw new EvidenceUploadException($"The form has more than {MaxFields} fields.", StatusCodes.Status400BadRequest);
                    fields[name] = await ReadFieldAsync(section, name, ct);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (InvalidDataException ex)
        {
            throw new EvidenceUploadException($"The multipart body is malformed: {ex.Message}", StatusCodes.Status400BadRequest);
        }
        catch (IOException ex) when (ex is not EndOfStreamException && !ct.IsCancellationRequested)
        {
            throw new EvidenceUploadException($"The upload was interrupted: {ex.Message}", StatusCodes.Status400BadRequest);
        }
        return new EvidenceForm(fields, file);
    }

    private async Task<EvidenceUpload> ReadFileAsync(MultipartSection section, string fileName, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var content = new MemoryStream();
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (content.Length + read > options.MaxFileBytes) throw TooLarge(fileName);
            hash.AppendData(buffer, 0, read);
            content.Write(buffer, 0, read);
        }
        var contentType = string.IsNullOrWhiteSpace(section.ContentType) ? "application/octet-stream" : section.ContentType.Trim();
        return new EvidenceUpload(Path.GetFileName(fileName.Trim()), contentType, content.ToArray(), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken ct)
    {
        using var content = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (content.Length + read > MaxFieldBytes)
                throw new EvidenceUploadException($"The field '{name}' is longer than {MaxFieldBytes / 1024} KB.", StatusCodes.Status400BadRequest);
            content.Write(buffer, 0, read);
        }
        return Encoding.UTF8.GetString(content.GetBuffer(), 0, (int)content.Length);
    }

    private EvidenceUploadException TooLarge(string? fileName = null) => new(
        $"{(fileName is null ? "The file" : $"'{fileName}'")} is larger than the evidence file limit of {options.Describe()}; " +
        "attach a smaller file, or a link to where the large one is kept.",
        StatusCodes.Status413PayloadTooLarge);
}
