namespace TaskService.ApiKeys;

/// <summary>Who a REST call acts for: the owner of the API key it carried.</summary>
public sealed record Caller(string UserId, string KeyId);
