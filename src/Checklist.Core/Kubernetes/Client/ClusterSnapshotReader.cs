using System.Text.RegularExpressions;

namespace Checklist.Core.Kubernetes.Client;

/// <summary>
/// Takes the snapshot the probes read from a live cluster: discovery (<c>/version</c>, <c>/api</c>, <c>/apis</c>),
/// a GET of the target namespace, then one paged LIST per resource kind (never a request per workload).
/// A kind that cannot be read (403, timeout, an unserved version) is recorded in
/// <see cref="ClusterSnapshot.KindErrors"/> and the snapshot is still built; a failure that means the cluster
/// cannot be read at all (DNS, TLS, 401, discovery) throws <see cref="KubeApiException"/>.
/// </summary>
public sealed partial class ClusterSnapshotReader(KubeClientOptions? options = null, TimeProvider? time = null)
{
    private readonly KubeClientOptions _options = options ?? KubeClientOptions.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Connects, reads and disconnects.</summary>
    /// <param name="kinds">The kinds to list; null means <see cref="KubeResources.ForProbes"/>.</param>
    public async Task<ClusterSnapshot> ReadAsync(KubeConnection connection, string @namespace, string? labelSelector,
        IReadOnlyCollection<KubeResource>? kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ValidateNamespace(@namespace);
        using var client = new KubeApiClient(connection, _options, _time);
        return await ReadAsync(client, @namespace, labelSelector, kinds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads through a client the caller keeps (and so reuses its connections and cached credentials).</summary>
    public async Task<ClusterSnapshot> ReadAsync(KubeApiClient client, string @namespace, string? labelSelector,
        IReadOnlyCollection<KubeResource>? kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ValidateNamespace(@namespace);
        var takenAt = _time.GetUtcNow();
        var resources = (kinds ?? KubeResources.ForProbes).ToArray();

        // /version first: the cheapest request, so a DNS, TLS or credential problem surfaces before anything else.
        string? serverVersion;
        try
        {
            serverVersion = await client.GetServerVersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.Failure is KubeApiFailure.Forbidden or KubeApiFailure.NotFound)
        {
            // Some hardened clusters hide /version; the version is informative only.
            serverVersion = null;
        }
        var served = await client.DiscoverAsync(cancellationToken).ConfigureAwait(false);

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var objects = new List<KubeObject>();
        try
        {
            var json = await client.GetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(@namespace)}", cancellationToken).ConfigureAwait(false);
            json["apiVersion"] = "v1";
            json["kind"] = "Namespace";
            objects.Add(new KubeObject(json));
        }
        catch (KubeApiException e) when (e.IsPerResource)
        {
            errors[KubeResources.Namespaces.Kind] = e.Failure == KubeApiFailure.NotFound && e.StatusCode == 404
                ? $"Namespace \"{@namespace}\" does not exist on {client.Connection.Server}."
                : e.Message;
        }

        var toList = new List<KubeResource>();
        foreach (var resource in resources)
        {
            if (served.Serves(resource)) toList.Add(resource);
            else if (!resource.OnlyWhenServed)
                errors[resource.Kind] = $"The cluster does not serve {resource.ApiVersion}, so {resource.QualifiedName} could not be listed.";
        }

        // Results land in slots in the order of the kinds, so the snapshot's order does not depend on which list finishes first.
        var results = new IReadOnlyList<KubeObject>?[toList.Count];
        var failures = new string?[toList.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, toList.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelLists, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var resource = toList[index];
                try
                {
                    results[index] = await client.ListAsync(resource, @namespace, resource.FollowsSelector ? labelSelector : null, ct).ConfigureAwait(false);
                }
                catch (KubeApiException e) when (e.IsPerResource)
                {
                    failures[index] = e.Message;
                }
            }).ConfigureAwait(false);

        for (var i = 0; i < toList.Count; i++)
        {
            if (results[i] is { } listed) objects.AddRange(listed);
            if (failures[i] is { } failure) errors[toList[i].Kind] = failure;
        }

        return new ClusterSnapshot(SnapshotOrigin.Cluster, client.Connection.Server.ToString(), @namespace, objects, takenAt,
            served.Groups, errors, serverVersion);
    }

    private static void ValidateNamespace(string @namespace)
    {
        if (string.IsNullOrWhiteSpace(@namespace) || !NamespaceName().IsMatch(@namespace))
            throw new ArgumentException($"\"{@namespace}\" is not a namespace name: lower-case letters, digits and '-', at most 63 characters.", nameof(@namespace));
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespaceName();
}
