namespace Checklist.Web.Auditing;

public static class AuditingExtensions
{
    public static WebApplicationBuilder AddAuditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }
}
