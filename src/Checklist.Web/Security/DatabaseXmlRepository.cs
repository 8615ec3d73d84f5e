using System.Xml.Linq;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Security;

/// <summary>
/// Stores the Data Protection key ring in the DataProtectionKeys table. The framework holds its repository for
/// the life of the process and calls it synchronously, so each call opens its own scope and DbContext.
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChecklistDbContext>();
        return db.DataProtectionKeys.AsNoTracking()
            .OrderBy(k => k.CreatedAt)
            .Select(k => k.Xml)
            .ToList()
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ChecklistDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        db.DataProtectionKeys.Add(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting), now));
        // The key itself never goes into the audit log: the event says that a key was added, and when.
        services.GetRequiredService<AuditLog>().Record("data-protection.key-created", "DataProtectionKey", friendlyName,
            after: new { friendlyName }, actor: AuditActor.System);
        // The framework's interface is synchronous; there is no synchronization context to deadlock on here.
        db.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
