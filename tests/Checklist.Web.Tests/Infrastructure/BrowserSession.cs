using System.Net;
using System.Text.RegularExpressions;

namespace Checklist.Web.Tests.Infrastructure;

/// <summary>Drives the HTML pages over HTTP like a browser would: cookies, antiforgery tokens, form posts.</summary>
public sealed partial class BrowserSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var token = await AntiforgeryTokenAsync("/account/login");
        return await Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AntiforgeryTokenAsync(formPage);
        var all = fields.Append(new("__RequestVerificationToken", token));
        return await Client.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public async Task<string> AntiforgeryTokenAsync(string page)
    {
        var response = await Client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"{page} has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
