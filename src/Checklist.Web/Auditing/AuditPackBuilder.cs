using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Checklist.Core.Audit;
using Checklist.Core.Runs;
using Checklist.Web.Data;
using Checklist.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace Checklist.Web.Auditing;

/// <summary>
/// The evidence bundle of one run for an auditor to keep and check without this app: a ZIP with the frozen runbook,
/// the run as JSON, the run's audit events as JSON Lines, every evidence file, a <c>SHA256SUMS</c> for
/// <c>sha256sum -c</c>, and a README saying how to check each part. The ZIP is built in a temporary file that is
/// deleted on close, then copied to the response: ZipArchive finishes entries with synchronous writes, which the
/// server's response stream refuses, and a pack with large evidence files must not sit in memory.
/// </summary>
public sealed class AuditPackBuilder(ChecklistDbContext db, AuditQuery audit, TimeProvider time)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Task<Run?> FindRunAsync(Guid runId, CancellationToken ct) =>
        db.Runs.AsNoTracking().Whole().SingleOrDefaultAsync(r => r.Id == runId, ct);

    public static string FileName(Run run) =>
        $"audit-pack-{SafeName(run.Service, 40)}-{SafeName(run.ReleaseVersion, 40)}-{run.Id:N}.zip";

    public async Task WriteAsync(Run run, Stream output, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"checklist-audit-pack-{Guid.NewGuid():N}.zip");
        await using var buffer = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await WriteZipAsync(run, buffer, ct);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private async Task WriteZipAsync(Run run, Stream output, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sums = new List<(string Sha256, string Path)>();
        var notes = new List<string>();
        var (_, head) = await audit.ExtentAsync(ct);

        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Utf8, ct);

        // The frozen runbook of the latest decision that froze one; earlier frozen ones (a go that went stale, then
        // another go) are kept beside it. Without any, runbook.md says so instead of showing a rendering that would
        // change with the run: only a frozen runbook is evidence of what was decided.
        var frozen = run.Decisions.Where(d => d.RunbookFrozen).ToList();
        if (frozen.Count == 0)
        {
            await AddAsync(zip, "runbook.md", Utf8.GetBytes(NotFrozenNote(run)), sums, now, ct);
        }
        else
        {
            for (var i = 0; i < frozen.Count; i++)
            {
                var decision = frozen[i];
                var path = i == frozen.Count - 1 ? "runbook.md" : $"runbooks/{Stamp(decision.DecidedAt)}-{decision.Id:N}.md";
                await AddAsync(zip, path, Utf8.GetBytes(decision.RunbookMarkdown ?? ""), sums, now, ct);
                if (AuditVerifier.RunbookProblem(decision.RunbookMarkdown, decision.RunbookSha256) is { } problem)
                    notes.Add($"{path}: {problem}. Its line in SHA256SUMS is the hash of the bytes in this pack; run.json holds the recorded one.");
            }
        }

        await AddAsync(zip, "run.json", JsonSerializer.SerializeToUtf8Bytes(RunDocument(run, frozen, head, now), Json), sums, now, ct);

        var events = new StringBuilder();
        foreach (var e in await audit.RunEventsAsync(run.Id, ct)) events.Append(AuditExport.ToJson(e)).Append('\n');
        await AddAsync(zip, "audit-events.jsonl", Utf8.GetBytes(events.ToString()), sums, now, ct);

        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, evidence) in run.Items.SelectMany(i => i.Evidence.Select(e => (i, e))).Where(p => p.e.Kind == EvidenceKind.File))
        {
            var recorded = evidence.Sha256 ?? "";
            var path = $"evidence/{recorded}-{SafeName(evidence.FileName ?? "file", 120)}";
            if (!written.Add(path)) continue; // the same bytes under the same name, attached to two items
            var content = await db.EvidenceBlobs.AsNoTracking().Where(b => b.Sha256 == recorded).Select(b => b.Content).SingleOrDefaultAsync(ct);
            if (content is null)
            {
                notes.Add($"{path}: MISSING. Evidence '{evidence.FileName}' on item '{item.ItemId}' records SHA-256 {recorded}, but its bytes are not in the evidence store.");
                continue;
            }
            // Listed under the hash recorded when it was attached, so sha256sum -c fails for bytes changed since.
            await AddAsync(zip, path, content, null, now, ct);
            sums.Add((recorded, path));
            var actual = Convert.ToHexStringLower(SHA256.HashData(content));
            if (actual != recorded)
                notes.Add($"{path}: CHANGED. Its bytes hash to {actual}, not to the SHA-256 recorded when it was attached; sha256sum -c reports it as FAILED.");
        }

        await AddAsync(zip, "README.txt", Utf8.GetBytes(Readme(run, head, now, notes)), sums, now, ct);

        var lines = new StringBuilder();
        foreach (var (sha, path) in sums) lines.Append(sha).Append("  ").Append(path).Append('\n');
        await AddAsync(zip, "SHA256SUMS", Utf8.GetBytes(lines.ToString()), null, now, ct);
    }

    private static async Task AddAsync(ZipArchive zip, string path, byte[] content, List<(string, string)>? sums, DateTimeOffset at, CancellationToken ct)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        await using (var stream = await entry.OpenAsync(ct))
            await stream.WriteAsync(content, ct);
        sums?.Add((Convert.ToHexStringLower(SHA256.HashData(content)), path));
    }

    private static object RunDocument(Run run, IReadOnlyList<Decision> frozen, AuditChainHead? head, DateTimeOffset now) => new
    {
        pack = new
        {
            generatedAt = AuditCanonicalJson.FormatTime(now),
            runbookFrozen = frozen.Count > 0,
            auditHead = head is null ? null : new { seq = head.Seq, hash = head.Hash },
        },
        id = run.Id,
        templateId = run.TemplateId,
        templateVersionHash = run.TemplateVersionHash,
        service = run.Service,
        version = run.ReleaseVersion,
        environment = run.Environment,
        state = run.State.ToApiName(),
        target = new { clusterId = run.Target.ClusterId, @namespace = run.Target.Namespace, selector = run.Target.Selector, hasManifests = run.Target.HasManifests },
        deployMethod = new { kind = run.DeployMethod.Kind.ToString(), name = run.DeployMethod.Name },
        plannedGoLive = run.PlannedGoLive,
        owner = new { id = run.OwnerId, name = run.OwnerName },
        createdBy = new { id = run.CreatedById, name = run.CreatedByName },
        createdAt = run.CreatedAt,
        startedAt = run.StartedAt,
        completedAt = run.CompletedAt,
        cancelledAt = run.CancelledAt,
        cancelReason = run.CancelReason,
        requiresFourEyesDecision = run.RequiresFourEyesDecision,
        items = run.Items.Select(i => new
        {
            id = i.ItemId,
            section = i.Section,
            title = i.Title,
            required = i.Required,
            verification = i.Verification == VerificationKind.Probe ? "probe" : "manual",
            probe = i.ProbeId,
            state = i.State.ToApiName(),
            stateDetail = i.StateDetail,
            stateChangedAt = i.StateChangedAt,
            stateChangedBy = i.StateChangedByName,
            evidence = i.Evidence.Select(e => new
            {
                id = e.Id,
                kind = e.Kind.ToString().ToLowerInvariant(),
                fileName = e.FileName,
                sha256 = e.Sha256,
                sizeBytes = e.SizeBytes,
                contentType = e.ContentType,
                packPath = e.Kind == EvidenceKind.File ? $"evidence/{e.Sha256}-{SafeName(e.FileName ?? "file", 120)}" : null,
                url = e.Url,
                text = e.Text,
                author = new { id = e.AuthorId, name = e.AuthorName },
                addedAt = e.AddedAt,
                supersededById = e.SupersededById,
                supersededAt = e.SupersededAt,
            }),
            waivers = i.Waivers.Select(w => new
            {
                id = w.Id,
                status = w.Status.ToString().ToLowerInvariant(),
                justification = w.Justification,
                requestedBy = new { id = w.RequestedById, name = w.RequestedByName },
                requestedAt = w.RequestedAt,
                expiresAt = w.ExpiresAt,
                decidedBy = w.DecidedById is null ? null : new { id = w.DecidedById, name = w.DecidedByName },
                decidedAt = w.DecidedAt,
                comment = w.DecisionComment,
            }),
            history = i.History.Select(h => new
            {
                at = h.At,
                actor = new { id = h.ActorId, name = h.ActorName },
                action = h.Action.ToString(),
                from = h.FromState.ToApiName(),
                to = h.ToState.ToApiName(),
                detail = h.Detail,
            }),
        }),
        decisions = run.Decisions.Select(d => new
        {
            id = d.Id,
            decision = d.Outcome.ToApiName(),
            decider = new { id = d.DeciderId, name = d.DeciderName },
            comment = d.Comment,
            decidedAt = d.DecidedAt,
            waivedItemIds = d.WaivedItemIds,
            stale = d.Stale,
            staleReason = d.StaleReason,
            runbookSha256 = d.RunbookSha256,
            runbookFrozenAt = d.RunbookFrozenAt,
        }),
    };

    private static string NotFrozenNote(Run run) =>
        $"""
        # Runbook not frozen

        Run {run.Id} ({run.Service} {run.ReleaseVersion} to {run.Environment}) has no frozen runbook: a runbook is frozen,
        with its SHA-256, when a go decision is recorded, and this run has none yet (its state is {run.State.ToApiName()}).

        The runbook shown in the app for this run is rendered from its current state and changes as the run changes, so it
        is not part of this evidence pack. Download the pack again after the go decision to get the frozen runbook.

        """;

    private static string Readme(Run run, AuditChainHead? head, DateTimeOffset now, IReadOnlyList<string> notes)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            Audit pack of run {run.Id}
            {run.Service} {run.ReleaseVersion} to {run.Environment}, state {run.State.ToApiName()}
            Generated {AuditCanonicalJson.FormatTime(now)} by Checklist.

            CONTENTS

              runbook.md          the runbook frozen at the go decision (run.json: decisions[].runbookSha256),
                                  or a note that none is frozen yet; runbooks/ holds earlier frozen ones
              run.json            the run: items, evidence, waivers, item history, decisions
              audit-events.jsonl  every audit event of this run, oldest first, one JSON object a line
              evidence/           every evidence file, named <sha256>-<file name> after the SHA-256 recorded
                                  when it was attached
              SHA256SUMS          the SHA-256 of every other file in this pack
              README.txt          this file

            1. CHECK THE FILES

              sha256sum -c SHA256SUMS

            Every line must say OK. Evidence files are listed under the SHA-256 recorded when they were attached, so a
            file changed since then is reported as FAILED. The frozen runbook's hash must equal runbookSha256 of its
            decision in run.json.

            2. CHECK THE AUDIT EVENTS

            Each line of audit-events.jsonl is an event's canonical JSON followed by "previousHash" and "hash". The hash
            is the lowercase hex SHA-256 of the UTF-8 bytes of previousHash immediately followed by the canonical JSON:
            the event's members in their order (seq, at, actorId, actorName, actorType, sourceAddress, action,
            entityType, entityId, runId, before, after, correlationId) as compact JSON with no whitespace, non-ASCII
            characters written as themselves, and only quote, backslash and control characters escaped (control
            characters as \b \f \n \r \t or \u00xx). That is what Python's json.dumps writes with ensure_ascii=False
            and separators=(",", ":"), so this recomputes every hash:

              python3 - <<'CHECK'
              import hashlib, json
              for line in open("audit-events.jsonl", encoding="utf-8"):
                  event = json.loads(line)
                  stored, previous = event.pop("hash"), event.pop("previousHash")
                  canonical = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
                  computed = hashlib.sha256((previous + canonical).encode("utf-8")).hexdigest()
                  print(event["seq"], "ok" if computed == stored else "CHANGED")
              CHECK

            The events of one run are not consecutive in the audit log (other changes happen in between), so this pack
            proves each event's content; that they link into one unbroken chain is checked on the whole log
            (GET /api/v1/audit?format=json, the same recomputation with each previousHash equal to the hash of the
            event before it, or GET /api/v1/audit/verify).

            """);
        sb.Append(head is null
            ? "When this pack was generated the audit log was empty.\n"
            : $"When this pack was generated the audit log reached event {head.Seq} with hash {head.Hash}.\n");
        if (notes.Count > 0)
        {
            sb.Append("\nPROBLEMS FOUND WHILE BUILDING THIS PACK\n\n");
            foreach (var note in notes) sb.Append("  ").Append(note).Append('\n');
        }
        return sb.ToString();
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A name safe as one path segment in a ZIP on any system: letters, digits, dot, dash and underscore.</summary>
    public static string SafeName(string name, int maxLength)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        var safe = sb.ToString().TrimStart('.');
        if (safe.Length == 0) safe = "file";
        return safe.Length <= maxLength ? safe : safe[..maxLength];
    }
}
