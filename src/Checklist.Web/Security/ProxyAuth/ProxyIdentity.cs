using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Primitives;

namespace Checklist.Web.Security.ProxyAuth;

/// <summary>Who the auth proxy says the caller is, read from its headers.</summary>
public sealed record ProxyIdentity(string Email, string DisplayName, IReadOnlyList<string> Groups)
{
    /// <summary>The identity, or the reason the headers cannot name a user (the proxy needs configuring).</summary>
    public static (ProxyIdentity? Identity, string? Problem) From(IHeaderDictionary headers, ProxyAuthOptions options)
    {
        var user = Single(headers[options.UserHeader]);
        var email = Single(headers[options.EmailHeader]);
        // oauth2-proxy sends the email as the user when the provider has no separate user name.
        if (email.Length == 0 && new EmailAddressAttribute().IsValid(user)) email = user;
        if (email.Length == 0 || !new EmailAddressAttribute().IsValid(email))
            return (null, $"The auth proxy sent no valid email address in {options.EmailHeader}: configure it to pass the user's email (oauth2-proxy: --set-xauthrequest or --pass-user-headers).");
        var groups = headers[options.GroupsHeader]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (new ProxyIdentity(email, user.Length > 0 ? user : email, groups), null);
    }

    private static string Single(StringValues values) => (values.FirstOrDefault() ?? "").Trim();
}
