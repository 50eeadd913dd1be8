using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Tests.Infrastructure;

/// <summary>
/// The SQL commands EF Core sends in the current async flow, between <see cref="Start"/> and <see cref="Dispose"/>: the
/// test's own calls to the app's services, and the app's handling of a request when the factory preserves the execution
/// context (<see cref="QueryCountApp"/>). Listens to EF Core's diagnostic events: nothing of the app is replaced.
/// </summary>
public sealed class QueryCounter : IDisposable
{
    private static readonly AsyncLocal<QueryCounter?> Current = new();
    private static int _listening;
    private readonly List<string> _commands = [];

    /// <summary>The text of every command sent so far, in order.</summary>
    public IReadOnlyList<string> Commands { get { lock (_commands) return [.. _commands]; } }
    public int Count { get { lock (_commands) return _commands.Count; } }

    public static QueryCounter Start()
    {
        if (Interlocked.Exchange(ref _listening, 1) == 0) DiagnosticListener.AllListeners.Subscribe(new AllListeners());
        var counter = new QueryCounter();
        Current.Value = counter;
        return counter;
    }

    public void Dispose() => Current.Value = null;

    /// <summary>The commands, one a paragraph, for an assertion's message.</summary>
    public override string ToString() => string.Join("\n\n", Commands);

    private sealed class AllListeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                listener.Subscribe(new CommandObserver(), name => name == RelationalEventId.CommandExecuting.Name);
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class CommandObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (Current.Value is { } counter && e.Value is CommandEventData data)
                lock (counter._commands) counter._commands.Add(data.Command.CommandText);
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}

/// <summary>
/// An app of its own whose requests run in the test's execution context, so that a <see cref="QueryCounter"/> started by
/// the test also counts what the app sends while serving the test's requests (and nothing of other tests' apps).
/// </summary>
public sealed class QueryCountApp : IAsyncLifetime
{
    public VigieFactory Factory { get; } = new()
    {
        TestServices = s => s.Configure<Microsoft.AspNetCore.TestHost.TestServerOptions>(o => o.PreserveExecutionContext = true),
    };

    public Task InitializeAsync() => Factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
}
