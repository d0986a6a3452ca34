from rustify.cli.main import main

main()
