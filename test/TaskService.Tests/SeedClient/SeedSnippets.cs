namespace TaskService.Tests.SeedClient;

/// <summary>
/// The task service's client code from its write-up (seed 003, "Usage"), verbatim. Tests change only
/// the host and port, the API key, and the ids in the rooms (the seed's <c>123</c> and <c>456</c>
/// stand for real jobs and tasks; its user <c>user_123</c> is kept by naming the test's user so).
/// </summary>
public static class SeedSnippets
{
    public const string Connect = """
        const ws = new WebSocket('ws://localhost:9002/api/ws/tasks?api_key=YOUR_API_KEY');

        ws.onopen = function() {
            console.log('WebSocket connected');
        };

        ws.onmessage = function(event) {
            const message = JSON.parse(event.data);
            console.log('Received message:', message);
        };
        """;

    public const string Subscribe = """
        // Subscribe to a specific job
        ws.send(JSON.stringify({
            type: 'SUBSCRIBE',
            data: {
                room: 'job:123',
                job_id: '123'
            }
        }));

        // Subscribe to a specific task
        ws.send(JSON.stringify({
            type: 'SUBSCRIBE',
            data: {
                room: 'task:456',
                task_id: '456'
            }
        }));

        // Subscribe to user's tasks
        ws.send(JSON.stringify({
            type: 'SUBSCRIBE',
            data: {
                room: 'user:user_123',
                user_id: 'user_123'
            }
        }));
        """;

    public const string Unsubscribe = """
        ws.send(JSON.stringify({
            type: 'UNSUBSCRIBE',
            data: {
                room: 'job:123'
            }
        }));
        """;

    public const string HandleUpdates = """
        ws.onmessage = function(event) {
            const message = JSON.parse(event.data);

            switch(message.type) {
                case 'TASK_CREATED':
                    console.log('New task created:', message.data);
                    break;
                case 'TASK_UPDATED':
                    console.log('Task updated:', message.data);
                    break;
                case 'TASK_STATUS_CHANGED':
                    console.log('Task status changed:', message.data);
                    break;
                case 'TASK_FEE_UPDATED':
                    console.log('Task fee updated:', message.data);
                    break;
            }
        };
        """;

    /// <summary>The seed's user, whose room <c>user:user_123</c> the snippets join as written.</summary>
    public const string User = "user_123";

    /// <summary>A snippet with the seed's job <c>123</c> and task <c>456</c> replaced by real ones.</summary>
    public static string WithIds(string snippet, long job, long task) =>
        snippet.Replace("'job:123'", $"'job:{job}'", StringComparison.Ordinal)
            .Replace("job_id: '123'", $"job_id: '{job}'", StringComparison.Ordinal)
            .Replace("'task:456'", $"'task:{task}'", StringComparison.Ordinal)
            .Replace("task_id: '456'", $"task_id: '{task}'", StringComparison.Ordinal);
}
