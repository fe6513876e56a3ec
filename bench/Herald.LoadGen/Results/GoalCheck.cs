namespace Herald.LoadGen.Results;

/// <summary>One of the numbers to reach, with what was measured. Reached is null when it could not be measured.</summary>
internal sealed record GoalCheck(string Goal, string Measured, bool? Reached);
