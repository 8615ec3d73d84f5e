namespace Checklist.Web.Auditing;

public static class AuditingExtensions
{
    public static WebApplicationBuilder AddAuditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(AuditOptions.Read(builder.Configuration));
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditQuery>();
        builder.Services.AddScoped<AuditVerifier>();
        builder.Services.AddScoped<AuditPackBuilder>();
        return builder;
    }
}
