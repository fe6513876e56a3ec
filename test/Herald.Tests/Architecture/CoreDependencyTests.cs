using Herald.Hub;
using Mono.Cecil;

namespace Herald.Tests.Architecture;

/// <summary>
/// The tree shows the data flow only if its folders depend one way: Herald.Core's namespaces
/// (Sources, Log, Bus, Hub, Sessions, Outbox, Transport, …) form no cycle, and Core knows no socket.
/// Read from the compiled IL, so a fully qualified name or a lambda cannot hide a dependency.
/// </summary>
public sealed class CoreDependencyTests
{
    private static readonly string CorePath = typeof(HeraldHub).Assembly.Location;

    [Fact]
    public void Herald_Core_does_not_reference_System_Net_WebSockets()
    {
        using var module = ModuleDefinition.ReadModule(CorePath);

        module.AssemblyReferences.Select(r => r.Name).ShouldNotContain("System.Net.WebSockets");
        module.GetTypeReferences().Select(t => t.Namespace).ShouldNotContain("System.Net.WebSockets");
    }

    [Fact]
    public void Herald_Core_namespaces_form_no_cycle()
    {
        var graph = NamespaceGraph();

        var cycle = FindCycle(graph);

        cycle.ShouldBeNull($"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
        graph.Keys.ShouldContain("Transport");
        graph["Sessions"].ShouldContain("Transport");
    }

    private static Dictionary<string, HashSet<string>> NamespaceGraph()
    {
        using var module = ModuleDefinition.ReadModule(CorePath);
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in module.GetTypes())
        {
            if (Area(type) is not { } from)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (var used in Referenced(type).SelectMany(Expand))
            {
                if (Area(used) is { } to && to != from)
                {
                    edges.Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>The first namespace segment under Herald ("Log" for Herald.Log.Memory), or null outside Core's own.</summary>
    private static string? Area(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        // Types of Herald.Core itself are scoped to its module; everything else names another assembly.
        var parts = type.Namespace.Split('.');
        return type.Scope is ModuleDefinition && parts.Length >= 2 && parts[0] == "Herald" ? parts[1] : null;
    }

    /// <summary>A type with what it is made of: List&lt;Subscription&gt; depends on Subscription.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var part in generic.GenericArguments.Prepend(generic.ElementType).SelectMany(Expand))
                {
                    yield return part;
                }

                break;
            case TypeSpecification specification:
                foreach (var part in Expand(specification.ElementType))
                {
                    yield return part;
                }

                break;
            default:
                yield return type;
                break;
        }
    }

    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        if (type.BaseType is not null)
        {
            yield return type.BaseType;
        }

        foreach (var i in type.Interfaces)
        {
            yield return i.InterfaceType;
        }

        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
        }

        foreach (var method in type.Methods)
        {
            yield return method.ReturnType;
            foreach (var parameter in method.Parameters)
            {
                yield return parameter.ParameterType;
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                yield return variable.VariableType;
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: yield return t; break;
                    case MemberReference m when m.DeclaringType is not null: yield return m.DeclaringType; break;
                }
            }
        }
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        foreach (var start in graph.Keys)
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.SkipWhile(n => n != node), node];
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }
}
