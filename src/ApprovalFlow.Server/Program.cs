using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Calendar;
using ApprovalFlow.Server.Features.Deadlines;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Features.Incidents;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Features.Messages;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Runtime.Dashboard;
using ApprovalFlow.Server.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddApprovalFlowData();
builder.AddApprovalFlowAuth();
builder.AddApprovalFlowDirectory();
builder.AddApprovalFlowApi();
builder.AddApprovalFlowCalendar();
builder.AddApprovalFlowDefinitions();
builder.AddApprovalFlowRuntime();
builder.AddApprovalFlowDeadlines();
builder.AddApprovalFlowPlanning();
builder.AddApprovalFlowTasks();
builder.AddApprovalFlowWeb();

var app = builder.Build();
app.UseApprovalFlowWeb();
app.UseApprovalFlowApi();
app.MapApprovalFlowHealth();
app.MapAuthApi();
app.MapDirectoryApi();
app.MapDefinitionsApi();
app.MapInstancesApi();
app.MapTasksApi();
app.MapMessagesApi();
app.MapIncidentsApi();
app.MapCalendarApi();
app.MapHangfireDashboardForAdmins();
app.MapApprovalFlowWeb();
app.Run();

/// <summary>The service's entry point (public for <c>WebApplicationFactory</c> in tests).</summary>
public partial class Program;
