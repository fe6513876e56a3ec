namespace TaskService.Tasks;

/// <summary>Fee rules, and one canonical form so that 12.50 and 12.5 are the same fee (no change, no event).</summary>
public static class Fees
{
    public const decimal Max = 1_000_000_000m;

    public const string Rule = "must be between 0 and 1000000000";

    public static bool IsValid(decimal fee) => fee is >= 0 and <= Max;

    /// <summary>Drops trailing zeros: dividing by 1.000… yields the smallest scale that holds the value.</summary>
    public static decimal Normalize(decimal fee) => fee / 1.000000000000000000000000000000000m;
}
