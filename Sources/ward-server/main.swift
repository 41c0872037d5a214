import WardServer

await ServerCommand.main()
