import WardCLI

await WardCommand.main()
