namespace Herald.LoadGen.Results;

/// <summary>A column of the results table. <see cref="HigherIsBetter"/> decides which way a ratio reads.</summary>
internal sealed record MetricDef(string Key, string Label, string Unit, bool HigherIsBetter, string Format = "N0");
