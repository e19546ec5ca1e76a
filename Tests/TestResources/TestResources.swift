enum TestResources {}
