using DataDistiller.Infrastructure.Adapters;
using DataDistiller.Infrastructure.Onnx;

// Hybrid retrieval as its own service; its query routes arrive with the distributed mode.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDataDistillerAdapters();
builder.AddOnnxEmbeddings();
builder.AddRetrievalWithAdapters();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
