using System.Net;
using System.Text.Json;
using Checklist.Web.Tests.Infrastructure;
using Npgsql;

namespace Checklist.Web.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_Anonymous_Is200()
    {
        using var factory = new ChecklistAppFactory();
        var response = await factory.CreateNoRedirectClient().GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_DatabaseReachable_Is200()
    {
        using var factory = new ChecklistAppFactory();
        var response = await factory.CreateNoRedirectClient().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_PostgresGoesAway_Is503WhileLiveStays200()
    {
        var target = new NpgsqlConnectionStringBuilder(await PostgresServer.CreateDatabaseAsync());
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        using var factory = new ChecklistAppFactory(postgresConnectionString: viaProxy.ConnectionString);
        var client = factory.CreateNoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        proxy.Cut();

        var ready = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("cannot be reached", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }
}
