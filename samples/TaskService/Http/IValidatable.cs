namespace TaskService.Http;

/// <summary>A request body that can say what is wrong with it.</summary>
public interface IValidatable
{
    /// <summary>Field (snake_case, as sent) → messages; empty when the request is valid.</summary>
    Dictionary<string, string[]> Validate();
}
