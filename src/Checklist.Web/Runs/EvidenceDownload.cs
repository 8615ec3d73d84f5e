using Microsoft.Net.Http.Headers;

namespace Checklist.Web.Runs;

/// <summary>
/// How an evidence file is sent, for the API and the pages alike: always an attachment of type
/// application/octet-stream with nosniff, so a browser never renders uploaded HTML or script from this origin.
/// </summary>
public static class EvidenceDownload
{
    public static IResult Result(EvidenceFile file, HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["X-Checklist-Sha256"] = file.Sha256;
        response.Headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(file.Content, "application/octet-stream");
    }
}
