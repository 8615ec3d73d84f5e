using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Checklist.Web.Operations.Metrics;

/// <summary>
/// Listens to the instruments of <see cref="ChecklistMetrics"/> (and no other meter) and keeps running totals per
/// label set: counts for counters, cumulative buckets, sum and count for histograms. A scrape reads the totals; it
/// never resets them, as Prometheus expects of counters.
/// </summary>
public sealed class MetricsAggregator : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    public MetricsAggregator(ChecklistMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter, metrics.Meter)) return;
            var family = MetricFamily.For(instrument);
            if (family is null) return;
            _families[family.Name] = family;
            listener.EnableMeasurementEvents(instrument, family);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Writes every family in name order, each series in label order, so scrapes are stable and diffable.</summary>
    public void WriteTo(PrometheusTextWriter writer)
    {
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            family.WriteTo(writer);
    }

    public void Dispose() => _listener.Dispose();

    private abstract class MetricFamily(string name, string help)
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

        public string Name { get; } = name;
        public string Help { get; } = help;

        public static MetricFamily? For(Instrument instrument) => instrument switch
        {
            Counter<long> => new CounterFamily(instrument.Name, instrument.Description ?? instrument.Name),
            Histogram<double> histogram => new HistogramFamily(instrument.Name, instrument.Description ?? instrument.Name,
                histogram.Advice?.HistogramBucketBoundaries?.ToArray()
                ?? throw new InvalidOperationException($"Histogram {instrument.Name} needs bucket boundaries (InstrumentAdvice).")),
            _ => null,
        };

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = Labels(tags);
            var key = string.Join('\u0001', labels.Select(l => l.Value));
            var series = _series.GetOrAdd(key, _ => CreateSeries(labels));
            series.Observe(value);
        }

        public void WriteTo(PrometheusTextWriter writer)
        {
            WriteHeader(writer);
            foreach (var (_, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
                WriteSeries(writer, series);
        }

        protected abstract Series CreateSeries(IReadOnlyList<KeyValuePair<string, string>> labels);
        protected abstract void WriteHeader(PrometheusTextWriter writer);
        protected abstract void WriteSeries(PrometheusTextWriter writer, Series series);

        // Sorted by name so that callers passing tags in another order still land on the same series.
        private static IReadOnlyList<KeyValuePair<string, string>> Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = new List<KeyValuePair<string, string>>(tags.Length);
            foreach (var tag in tags)
                labels.Add(new(tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return labels;
        }
    }

    private abstract class Series(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = labels;
        public abstract void Observe(double value);
    }

    private sealed class CounterFamily(string name, string help) : MetricFamily(name, help)
    {
        protected override Series CreateSeries(IReadOnlyList<KeyValuePair<string, string>> labels) => new CounterSeries(labels);
        protected override void WriteHeader(PrometheusTextWriter writer) => writer.WriteHeader(Name, Help, "counter");
        protected override void WriteSeries(PrometheusTextWriter writer, Series series) =>
            writer.WriteSample(Name, series.Labels, ((CounterSeries)series).Value);

        private sealed class CounterSeries(IReadOnlyList<KeyValuePair<string, string>> labels) : Series(labels)
        {
            private long _value;
            public long Value => Interlocked.Read(ref _value);
            public override void Observe(double value) => Interlocked.Add(ref _value, (long)value);
        }
    }

    private sealed class HistogramFamily(string name, string help, double[] boundaries) : MetricFamily(name, help)
    {
        protected override Series CreateSeries(IReadOnlyList<KeyValuePair<string, string>> labels) => new HistogramSeries(labels, boundaries);
        protected override void WriteHeader(PrometheusTextWriter writer) => writer.WriteHeader(Name, Help, "histogram");

        protected override void WriteSeries(PrometheusTextWriter writer, Series series)
        {
            var (buckets, sum, count) = ((HistogramSeries)series).Read();
            long cumulative = 0;
            for (var i = 0; i < boundaries.Length; i++)
            {
                cumulative += buckets[i];
                writer.WriteSample(Name + "_bucket", series.Labels, cumulative, ("le", PrometheusTextWriter.FormatDouble(boundaries[i])));
            }
            writer.WriteSample(Name + "_bucket", series.Labels, count, ("le", "+Inf"));
            writer.WriteSample(Name + "_sum", series.Labels, sum);
            writer.WriteSample(Name + "_count", series.Labels, count);
        }

        private sealed class HistogramSeries(IReadOnlyList<KeyValuePair<string, string>> labels, double[] boundaries) : Series(labels)
        {
            private readonly Lock _gate = new();
            // One count per finite boundary; values above the last one only show in the count (the +Inf bucket).
            private readonly long[] _buckets = new long[boundaries.Length];
            private double _sum;
            private long _count;

            public override void Observe(double value)
            {
                // Upper bounds are inclusive in Prometheus (le = "less than or equal").
                var index = Array.BinarySearch(boundaries, value);
                if (index < 0) index = ~index;
                lock (_gate)
                {
                    if (index < _buckets.Length) _buckets[index]++;
                    _sum += value;
                    _count++;
                }
            }

            // Read under the lock so that buckets, sum and count describe the same set of observations.
            public (long[] Buckets, double Sum, long Count) Read()
            {
                lock (_gate) return ((long[])_buckets.Clone(), _sum, _count);
            }
        }
    }
}
