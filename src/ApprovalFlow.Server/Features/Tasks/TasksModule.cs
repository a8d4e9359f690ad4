using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>The services of tasks shared by the API and the task page: comments, attachments and the task's own history.</summary>
public static class TasksModule
{
    /// <summary>
    /// Adds <see cref="AttachmentOptions"/> (section <c>Attachments</c>, validated at start),
    /// <see cref="TaskComments"/>, <see cref="TaskAttachments"/>, <see cref="TaskTimeline"/> and <see cref="TaskPages"/> (scoped;
    /// the pages themselves are registered by their features).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static WebApplicationBuilder AddApprovalFlowTasks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AttachmentOptions>, AttachmentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<TaskComments>();
        services.TryAddScoped<TaskAttachments>();
        services.TryAddScoped<TaskTimeline>();
        services.TryAddScoped<TaskPages>();
        return builder;
    }
}
