namespace TaskService.ApiKeys;

public static class CallerExtensions
{
    /// <summary>The caller that <see cref="ApiKeyFilter"/> authenticated; only valid behind it.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("This endpoint is not behind ApiKeyFilter.");
}
