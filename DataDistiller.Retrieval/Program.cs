using DataDistiller.Core.Answers;
using DataDistiller.Core.Retrieval.Experiments;
using DataDistiller.Endpoints;
using DataDistiller.Endpoints.ApiDocs;
using DataDistiller.Endpoints.Query;
using DataDistiller.Endpoints.Search;
using DataDistiller.Endpoints.Security;
using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Chat;

// Hybrid retrieval and answers as their own service, scaled on their own; the Api forwards search and query here.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiAuthentication();
builder.AddDataDistillerAdapters();
builder.AddEmbeddings();
builder.AddRetrievalWithAdapters();
builder.AddRetrievalEndpoints();
builder.AddExperiments();
builder.AddChatModels();
builder.AddAnswers();
builder.Services.AddRequestProblems();
builder.AddApiDocs(examples => examples.AddRetrievalExamples());

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiAuthentication();
app.MapDefaultEndpoints();
app.MapApiDocs();
app.MapSearchApi();
app.MapQueryApi();

app.Run();
