using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Checklist.Core.Audit;
using Checklist.Web.Auditing;
using Checklist.Web.Data;
using Checklist.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Checklist.Web.Tests.Auditing;

public sealed class AuditExportTests : IDisposable
{
    private readonly ChecklistAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private HttpClient Api()
    {
        var client = _factory.CreateNoRedirectClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChecklistAppFactory.AdminToken);
        return client;
    }

    /// <summary>Values that break naive CSV and JSON writers: separators, quotes, line breaks, non-ASCII, a control character.</summary>
    private async Task<Guid> RecordAwkwardEventsAsync()
    {
        var run = Guid.NewGuid();
        await using var scope = _factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        log.Record("test.export", "Note", "a,b", run, before: null, after: new { text = "line one\r\nline \"two\", ünïcödé ✓ \u0001" },
            actor: new AuditActor("u-1", "O'Brien, \"Pat\"", AuditActorType.User));
        log.Record("test.export", "Note", "plain", run, before: new { n = 1 }, after: "{\"raw\":\"kept exactly\"}");
        log.Record("test.other", "Note", "elsewhere", null);
        await scope.ServiceProvider.GetRequiredService<ChecklistDbContext>().SaveChangesAsync();
        return run;
    }

    [Fact]
    public async Task ExportApi_Json_EveryEventRecomputesToItsHash()
    {
        var run = await RecordAwkwardEventsAsync();
        var response = await Api().GetAsync($"/api/v1/audit?runId={run}&format=json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var stored = (await AuditTrailTests.EventsAsync(_factory)).Where(e => e.RunId == run).ToList();
        var exported = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(stored.Select(e => e.Seq), exported.Select(e => e.GetProperty("seq").GetInt64()));
        foreach (var element in exported)
        {
            var e = FromJson(element);
            Assert.Equal(element.GetProperty("hash").GetString(), AuditChain.ComputeHash(e));
        }
        Assert.Equal("{\"raw\":\"kept exactly\"}", exported[1].GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, exported[0].GetProperty("before").ValueKind);
    }

    [Fact]
    public async Task ExportApi_Json_MembersAreTheCanonicalOnesThenTheHashes()
    {
        var run = await RecordAwkwardEventsAsync();
        var text = await Api().GetStringAsync($"/api/v1/audit?runId={run}");
        var first = JsonDocument.Parse(text).RootElement[0];
        Assert.Equal([.. AuditExport.Columns], first.EnumerateObject().Select(p => p.Name).ToArray());

        // What the offline instructions say: drop the two hashes, and the rest is the canonical text that was hashed.
        var stored = (await AuditTrailTests.EventsAsync(_factory)).First(e => e.RunId == run);
        var line = AuditExport.ToJson(stored);
        Assert.Contains(line, text);
        Assert.StartsWith(AuditCanonicalJson.Write(stored)[..^1] + ",\"previousHash\":", line);
    }

    [Fact]
    public async Task ExportPage_Csv_HasAHeaderAndEscapesEveryField()
    {
        var run = await RecordAwkwardEventsAsync();
        await TestUsers.CreateOnePerRoleAsync(_factory.Services);
        var auditor = new BrowserSession(_factory.CreateNoRedirectClient());
        await auditor.SignInAsync(TestUsers.EmailFor("Auditor"), TestUsers.Password);

        var response = await auditor.Client.GetAsync($"/audit/export?format=csv&runId={run}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(string.Join(',', AuditExport.Columns) + "\r\n", body);

        var records = ParseCsv(body);
        var stored = (await AuditTrailTests.EventsAsync(_factory)).Where(e => e.RunId == run).ToList();
        Assert.Equal(stored.Count + 1, records.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var e = stored[i];
            string?[] expected = [e.Seq.ToString(), AuditCanonicalJson.FormatTime(e.At), e.ActorId, e.ActorName, AuditCanonicalJson.ActorTypeName(e.ActorType),
                e.SourceAddress, e.Action, e.EntityType, e.EntityId, e.RunId?.ToString(), e.Before, e.After, e.CorrelationId, e.PreviousHash, e.Hash];
            Assert.Equal(expected.Select(v => v ?? ""), records[i + 1]);
        }
        Assert.Equal("O'Brien, \"Pat\"", records[1][3]);
    }

    [Fact]
    public async Task ExportApi_FiltersByActionActorAndTime()
    {
        await RecordAwkwardEventsAsync();
        var all = await AuditTrailTests.EventsAsync(_factory);
        var api = Api();

        var byAction = await api.GetStringAsync("/api/v1/audit?action=test.other");
        Assert.Equal(all.Where(e => e.Action == "test.other").Select(e => e.Seq), Seqs(byAction));
        var byActor = await api.GetStringAsync("/api/v1/audit?actor=u-1");
        Assert.Equal(all.Where(e => e.ActorId == "u-1").Select(e => e.Seq), Seqs(byActor));
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        Assert.Equal("[]\n", await api.GetStringAsync($"/api/v1/audit?from={future}"));
        var everything = await api.GetStringAsync($"/api/v1/audit?to={future}");
        Assert.Equal(all.Select(e => e.Seq), Seqs(everything));
    }

    [Fact]
    public async Task ExportApi_BadQuery_Is400ProblemNamingEveryParameter()
    {
        var response = await Api().GetAsync("/api/v1/audit?format=xml&to=2026-01-01&from=2026-02-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("format must be json or csv, not 'xml'", detail);
        Assert.Contains("from (2026-02-01T00:00:00.0000000Z) must be earlier than to", detail);
    }

    [Fact]
    public async Task Export_ManyEvents_IsWrittenAsItIsRead()
    {
        await AuditTrailTests.AppendAsync(_factory, 3000, action: "test.bulk");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit?format=csv&action=test.bulk");
        using var response = await Api().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Streamed: no Content-Length is known up front; the body is chunked as rows are written.
        Assert.Null(response.Content.Headers.ContentLength);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3001, lines.Length);
    }

    private static IEnumerable<long> Seqs(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();

    private static AuditEvent FromJson(JsonElement e)
    {
        string? S(string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();
        var type = S("actorType") switch { "token" => AuditActorType.Token, "system" => AuditActorType.System, _ => AuditActorType.User };
        return AuditEvent.Restore(e.GetProperty("seq").GetInt64(), DateTimeOffset.Parse(S("at")!), S("actorId")!, S("actorName")!, type,
            S("sourceAddress"), S("action")!, S("entityType")!, S("entityId")!, S("runId") is { } run ? Guid.Parse(run) : null,
            S("before"), S("after"), S("correlationId")!, S("previousHash")!, S("hash")!);
    }

    /// <summary>An RFC 4180 reader, written here independently of the writer under test.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else field.Append(c);
        }
        Assert.Empty(record);
        Assert.Equal(0, field.Length);
        return records;
    }
}
