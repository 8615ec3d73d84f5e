using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Checklist.Web.Security;

public static class DataProtectionExtensions
{
    /// <summary>
    /// One key ring for every replica, in the database, under a fixed application name: the framework would
    /// otherwise derive the name from the content root and keep keys in a folder of the one machine.
    /// </summary>
    public static WebApplicationBuilder AddDataProtectionKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("Checklist");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseXmlRepository(scopes));
        return builder;
    }
}
