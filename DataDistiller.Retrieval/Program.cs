using DataDistiller.Core.Retrieval;
using DataDistiller.Infrastructure.Adapters;

// Hybrid retrieval as its own service; its query routes arrive with the distributed mode.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDataDistillerAdapters();
builder.AddEmbeddings();
builder.AddRetrieval();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
