// Placeholder so the solution builds on the helper-extract branch; the real API host replaces it.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
