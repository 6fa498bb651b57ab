using DataDistiller.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataDistiller.Core.Answers;

/// <summary>Registers answering: the chat model when an <see cref="IChatClient"/> is registered, else the extractive answerer.</summary>
public static class AnswersHostingExtensions
{
    public static IHostApplicationBuilder AddAnswers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRetrieval();
        builder.Services.AddOptions<AnswerOptions>().BindConfiguration(AnswerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Decided at resolution, so the chat registrations may come before or after this call.
        builder.Services.TryAddSingleton<IAnswerGenerator>(sp => sp.GetService<IChatClient>() is { } chat
            ? new ChatAnswerGenerator(chat, sp.GetRequiredService<TimeProvider>())
            : ActivatorUtilities.CreateInstance<ExtractiveAnswerer>(sp));
        builder.Services.TryAddSingleton<AnswerService>();
        return builder;
    }
}
