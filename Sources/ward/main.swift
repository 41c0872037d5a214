import WardCLI

await WardCommand.execute()
