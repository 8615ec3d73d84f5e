using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Checklist.Web.Tests.Runs;

/// <summary>
/// A real HTTP server on 127.0.0.1 that receives webhook deliveries, checks each signature with its own HMAC code
/// (not the app's), and answers with the status codes it is told to, in order (then 200).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Event, string Body, JsonElement Json, bool SignatureValid, long Timestamp, DateTimeOffset At);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers;
    private readonly ConcurrentQueue<Received> _received = new();

    private WebhookReceiver(WebApplication app, ConcurrentQueue<int> answers)
    {
        _app = app;
        _answers = answers;
    }

    public string Url { get; private set; } = "";
    public IReadOnlyList<Received> Deliveries => _received.ToList();

    public static async Task<WebhookReceiver> StartAsync(string secret, params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new ConcurrentQueue<int>(answers));
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var timestampText = context.Request.Headers["X-Checklist-Timestamp"].ToString();
            var signature = context.Request.Headers["X-Checklist-Signature"].ToString();
            var expected = "sha256=" + Convert.ToHexStringLower(
                HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestampText}.{body}")));
            receiver._received.Enqueue(new Received(
                context.Request.Headers["X-Checklist-Event"].ToString(), body, JsonDocument.Parse(body).RootElement.Clone(),
                signature == expected, long.Parse(timestampText), DateTimeOffset.UtcNow));
            return Results.StatusCode(receiver._answers.TryDequeue(out var status) ? status : 200);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Waits until the receiver has <paramref name="count"/> deliveries matching <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, Func<Received, bool>? filter = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var matching = _received.Where(filter ?? (_ => true)).ToList();
            if (matching.Count >= count) return matching;
            Assert.True(DateTime.UtcNow < deadline,
                $"expected {count} deliveries within {seconds} s, got {matching.Count}: {string.Join(", ", _received.Select(r => r.Event))}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
