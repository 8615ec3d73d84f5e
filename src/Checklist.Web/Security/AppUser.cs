using Microsoft.AspNetCore.Identity;

namespace Checklist.Web.Security;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Deactivated users cannot sign in or use tokens; they are kept so history still names them.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
