using Microsoft.AspNetCore.Identity;

namespace Checklist.Web.Security;

/// <summary>
/// Identity asks this before every sign-in; answering "not confirmed" for a deactivated user makes
/// SignInManager refuse them with NotAllowed, which the sign-in page turns into a plain message.
/// </summary>
public sealed class ActiveUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(user.IsActive);
}
