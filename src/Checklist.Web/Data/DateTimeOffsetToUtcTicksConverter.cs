using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Checklist.Web.Data;

/// <summary>Stores a DateTimeOffset as UTC ticks (INTEGER) so SQLite can sort and filter by time.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
