using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;

namespace ApprovalFlow.Server.Tests.Drills;

/// <summary>
/// What nginx answers itself with the site of <c>deploy/nginx/approvalflow.conf</c> (real nginx, as <c>deploy/install.sh</c>
/// fills the site, on a loopback port): RFC 9457 problems, as the service's own answers are, for no node answering (502), a
/// node that does not answer in time (504) and a body past <c>client_max_body_size</c> (413). Needs nginx
/// (<c>apt-get install nginx</c>; deploy/test.sh installs it).
/// </summary>
public sealed class NginxErrorPagesTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("approvalflow-nginx-test-");

    [Fact]
    public async Task With_no_node_listening_nginx_answers_a_502_problem_with_Retry_After()
    {
        await using var nginx = await NginxProxy.StartAsync(Folder("down"), [LoopbackPorts.Free()]);
        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };

        using var response = await client.GetAsync(new Uri("/api/tasks?scope=mine", UriKind.Relative));

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Contains("No ApprovalFlow node answered", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("Retry after 10 seconds", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_takes_the_request_and_never_answers_gets_a_504_problem_after_proxy_read_timeout()
    {
        using var node = new SilentNode();
        await using var nginx = await NginxProxy.StartAsync(Folder("hang"), [node.Port], readTimeout: "1s");
        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };

        using var response = await client.PostAsync(new Uri("/api/instances", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal(1, node.Connections);
        Assert.Contains("did not answer in time", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("check its effect before retrying", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_past_client_max_body_size_gets_a_413_problem_before_any_node_sees_it()
    {
        using var node = new SilentNode();
        await using var nginx = await NginxProxy.StartAsync(Folder("large"), [node.Port]);
        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/tasks/{Guid.NewGuid()}/attachments", UriKind.Relative))
        {
            // 12 MiB against the site's 11 MiB; with Expect: 100-continue nginx answers on the head and the body stays here.
            Content = new ByteArrayContent(new byte[12 * 1024 * 1024]),
        };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(11534336, problem.GetProperty("limit").GetInt64());
        Assert.Contains("larger than the 11534336 bytes (client_max_body_size 11m)", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("nginx refused it before any node saw it", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, node.Connections);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Folder(string name) => _folder.CreateSubdirectory(name).FullName;

    /// <summary>Asserts a problem of <paramref name="status"/> as nginx's own answer: <c>application/problem+json</c>, not cached.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("title")));
        return problem;
    }

    /// <summary>An upstream that accepts connections and never answers on them (a node stuck in a request).</summary>
    private sealed class SilentNode : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly List<TcpClient> _accepted = [];
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public SilentNode()
        {
            _listener = new TcpListener(IPAddress.Loopback, LoopbackPorts.Free());
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_accepted)
            {
                _accepted.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_accepted)
                    {
                        _accepted.Add(client);
                    }

                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // stopped
            }
        }
    }
}
