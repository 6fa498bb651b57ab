using DataDistiller.Api.Features.ApiDocs;
using DataDistiller.Api.Features.DeadLetters;
using DataDistiller.Api.Features.Collections;
using DataDistiller.Api.Features.Documents;
using DataDistiller.Api.Features.Experiments;
using DataDistiller.Api.Features.Feedback;
using DataDistiller.Api.Features.Forwarding;
using DataDistiller.Api.Features.WebUi;
using DataDistiller.Core.Answers;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.ApiDocs;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Chat;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngestionWithAdapters();
builder.AddRetrievalWithAdapters();
builder.AddRetrievalEndpoints();
builder.AddRetrievalForwarding();
builder.AddExperiments();
builder.AddChatModels();
builder.AddAnswers();
builder.AddUploadLimits();
builder.AddDocumentUploads();
builder.Services.AddRequestProblems();
builder.Services.AddValidation();
builder.AddApiDocs(examples => examples.AddRetrievalExamples().AddApiExamples());

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebUi();
app.MapDefaultEndpoints();
app.MapApiDocs();
app.MapDocumentsApi();
app.MapCollectionsApi();
app.MapSearchAndQueryApis();
app.MapFeedbackApi();
app.MapExperimentsApi();
app.MapDeadLettersApi();

app.Run();

/// <summary>The Api host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
