using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskService.Tests.Support;

namespace TaskService.Tests.Tasks;

public sealed class TaskValidationTests
{
    [Fact]
    public async Task Bad_requests_get_problem_details_that_say_what_is_wrong()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var bob = await host.CreateKeyAsync("bob");
        var job = await host.CreateJobAsync(alice);
        var task = await host.CreateTaskAsync(alice, job);

        var missing = await ProblemAsync(host, HttpMethod.Post, "/api/tasks", alice, "{}", HttpStatusCode.BadRequest);
        missing.Str("code").ShouldBe("BAD_REQUEST");
        missing.GetProperty("errors").Names().ShouldBe(["job_id", "task_definition_id"]);

        var wrongType = await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/fee", alice, """{"fee":"lots"}""", HttpStatusCode.BadRequest);
        wrongType.Str("detail").ShouldContain("$.fee");

        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/fee", alice, "not json", HttpStatusCode.BadRequest)).Str("title").ShouldBe("Malformed JSON body");
        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/fee", alice, "", HttpStatusCode.BadRequest)).Str("title").ShouldBe("Missing JSON body");
        var huge = $$"""{"fee":1,"padding":"{{new string('x', 70_000)}}"}""";
        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/fee", alice, huge, HttpStatusCode.RequestEntityTooLarge)).Str("code").ShouldBe("MESSAGE_TOO_LARGE");
        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/fee", alice, """{"fee":-1}""", HttpStatusCode.BadRequest)).GetProperty("errors").Names().ShouldBe(["fee"]);
        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/status", alice, """{"status":"done"}""", HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldContain("pending, processing, completed, failed");
        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/execution/{task}", alice, """{"task_performer_id":1}""", HttpStatusCode.BadRequest)).GetProperty("errors").Names().ShouldBe(["execution_tx_hash"]);
        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/attestation", alice, """{"task_attester_ids":[]}""", HttpStatusCode.BadRequest)).GetProperty("errors").Names().ShouldBe(["is_successful", "task_attester_ids"]);

        // Someone else's task is as missing as a task that does not exist; someone else's job cannot take tasks.
        (await ProblemAsync(host, HttpMethod.Put, $"/api/tasks/{task}/fee", bob, """{"fee":1}""", HttpStatusCode.NotFound)).Str("code").ShouldBe("NOT_FOUND");
        (await ProblemAsync(host, HttpMethod.Put, "/api/tasks/999999/fee", alice, """{"fee":1}""", HttpStatusCode.NotFound)).Str("code").ShouldBe("NOT_FOUND");
        (await ProblemAsync(host, HttpMethod.Post, "/api/tasks", bob, $$"""{"job_id":{{job}},"task_definition_id":1}""", HttpStatusCode.BadRequest)).GetProperty("errors").Names().ShouldBe(["job_id"]);

        // And none of it changed the task.
        using var read = await host.SendAsync(HttpMethod.Get, $"/api/tasks/{task}", alice);
        var current = await read.Content.ReadFromJsonAsync<JsonElement>();
        current.GetProperty("fee").GetDecimal().ShouldBe(1m);
        current.Str("status").ShouldBe("pending");
    }

    private static async Task<JsonElement> ProblemAsync(TaskServiceHost host, HttpMethod method, string path, TestKey key, string body, HttpStatusCode expected)
    {
        using var response = await host.SendRawAsync(method, path, key.Key, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
