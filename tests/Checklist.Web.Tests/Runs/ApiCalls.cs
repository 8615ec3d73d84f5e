using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Checklist.Web.Tests.Runs;

/// <summary>Small helpers for the API tests: send JSON, assert the status (showing the body when it differs), read JSON.</summary>
internal static class ApiCalls
{
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}{(response.Headers.Location is { } location ? $" to {location}" : "")}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body = null) =>
        client.PostAsJsonAsync(url, body ?? new { });

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url) =>
        await client.GetAsync(url).ExpectAsync(HttpStatusCode.OK);

    public static JsonElement Item(this JsonElement run, string itemId) =>
        run.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == itemId);

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";
}
