using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Checklist.Core.Kubernetes.Manifests;
using Checklist.Core.Probes;

namespace Checklist.Benchmarks;

/// <summary>
/// A 10,000-object manifest bundle (1,000 services of 10 objects each, over 20 namespaces, one multi-document file per
/// service): parsing alone against parsing plus every probe of the catalog. Evaluation should add at most half the parse time.
/// </summary>
[MemoryDiagnoser]
public class ProbeBenchmarks
{
    private const int Services = 1000;
    private string _dir = "";
    private IReadOnlyList<ProbeRequest> _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "checklist-probe-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        for (var i = 0; i < Services; i++)
            File.WriteAllText(Path.Combine(_dir, $"svc-{i:D4}.yaml"), Service(i));
        _requests = ProbeCatalog.All.Select(p => new ProbeRequest(p.Id, p.Id)).ToList();
        var check = ManifestReader.Read([_dir], "shop");
        if (check.HasErrors || check.Objects.Count != Services * 10)
            throw new InvalidOperationException($"The generated bundle is wrong: {check.Objects.Count} objects, {check.Errors.Count} errors.");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true)]
    public int Parse() => ManifestReader.Read([_dir], "shop").Objects.Count;

    [Benchmark]
    public int ParseAndEvaluateAllProbes()
    {
        var snapshot = ManifestReader.Read([_dir], "shop").ToSnapshot(DateTimeOffset.UnixEpoch);
        return new ProbeRunner().Run(snapshot, _requests).Sum(o => o.Result.Findings.Count);
    }

    /// <summary>One service: Deployment (or StatefulSet every tenth), Service, HPA, PDB, NetworkPolicy, ServiceAccount, ConfigMap, Secret, Ingress, ServiceMonitor.</summary>
    private static string Service(int i)
    {
        var name = $"svc-{i:D4}";
        var ns = $"team-{i % 20:D2}";
        var kind = i % 10 == 0 ? "StatefulSet" : "Deployment";
        var replicas = (i % 4) + 1;
        var tag = i % 13 == 0 ? "latest" : "1.0." + i.ToString(CultureInfo.InvariantCulture);
        var maxUnavailable = i % 9 == 0 ? 0 : 1;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $$"""
            # Source: {{name}}/templates/workload.yaml
            apiVersion: apps/v1
            kind: {{kind}}
            metadata:
              name: {{name}}
              namespace: {{ns}}
              labels: {app.kubernetes.io/name: {{name}}, app.kubernetes.io/version: "1.{{i % 7}}.0"}
            spec:
              replicas: {{replicas}}
              selector:
                matchLabels: {app.kubernetes.io/name: {{name}} }
              template:
                metadata:
                  labels: {app.kubernetes.io/name: {{name}}, app.kubernetes.io/version: "1.{{i % 7}}.0"}
                spec:
                  serviceAccountName: {{name}}
                  securityContext: {runAsNonRoot: true, runAsUser: 10001}
                  topologySpreadConstraints:
                  - maxSkew: 1
                    topologyKey: kubernetes.io/hostname
                    whenUnsatisfiable: ScheduleAnyway
                    labelSelector: {matchLabels: {app.kubernetes.io/name: {{name}} } }
                  containers:
                  - name: app
                    image: registry.example.com/{{name}}:{{tag}}
                    ports: [{name: http, containerPort: 8080}]
                    envFrom: [{configMapRef: {name: {{name}}-config} }]
                    env:
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: {{name}}-secret, key: password} }
                    resources:
                      requests: {cpu: 100m, memory: 128Mi}
                      limits: {memory: 256Mi}
                    livenessProbe: {httpGet: {path: /live, port: http} }
                    readinessProbe: {httpGet: {path: /ready, port: http} }
                    lifecycle: {preStop: {sleep: {seconds: 5} } }
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      capabilities: {drop: [ALL]}

            """);
        if (kind == "StatefulSet")
            s.Append("""
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec: {accessModes: [ReadWriteOnce], storageClassName: ssd, resources: {requests: {storage: 10Gi}}}

                """);
        s.Append(CultureInfo.InvariantCulture, $$"""
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: {{name}}, namespace: {{ns}}, labels: {app.kubernetes.io/name: {{name}} } }
            spec:
              selector: {app.kubernetes.io/name: {{name}} }
              ports: [{name: http, port: 80, targetPort: http}]
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: {{name}}, namespace: {{ns}} }
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: {{kind}}, name: {{name}} }
              minReplicas: {{replicas}}
              maxReplicas: {{replicas + 3}}
              metrics:
              - type: Resource
                resource: {name: cpu, target: {type: Utilization, averageUtilization: 70} }
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: {{name}}, namespace: {{ns}} }
            spec:
              maxUnavailable: {{maxUnavailable}}
              selector: {matchLabels: {app.kubernetes.io/name: {{name}} } }
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: {{name}}, namespace: {{ns}} }
            spec:
              podSelector: {matchLabels: {app.kubernetes.io/name: {{name}} } }
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{podSelector: {matchLabels: {role: frontend} } }], ports: [{port: 8080}]}]
              egress: [{to: [{namespaceSelector: {} }], ports: [{port: 53, protocol: UDP}]}]
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: {{name}}, namespace: {{ns}} }
            automountServiceAccountToken: false
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: {{name}}-config, namespace: {{ns}} }
            data: {LOG_LEVEL: info, FEATURE_FLAGS: "a,b,c", MAX_CONNECTIONS: "100"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: {{name}}-secret, namespace: {{ns}} }
            type: Opaque
            stringData: {password: not-a-real-one}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: {{name}}, namespace: {{ns}} }
            spec:
              tls: [{hosts: [{{name}}.example.com], secretName: {{name}}-tls}]
              rules:
              - host: {{name}}.example.com
                http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: {{name}}, port: {name: http} } } }
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: {{name}}, namespace: {{ns}} }
            spec:
              selector: {matchLabels: {app.kubernetes.io/name: {{name}} } }
              endpoints: [{port: http}]

            """);
        return s.ToString();
    }
}
