using TaskService.Http;

namespace TaskService.Tasks;

/// <summary><c>PUT /api/tasks/{id}/fee</c>.</summary>
public sealed record FeeUpdate(decimal? Fee) : IValidatable
{
    public Dictionary<string, string[]> Validate() => new ValidationErrors()
        .Require(Fee is not null, "fee", "is required")
        .Require(Fee is null || Fees.IsValid(Fee.Value), "fee", Fees.Rule)
        .ToDictionary();
}
