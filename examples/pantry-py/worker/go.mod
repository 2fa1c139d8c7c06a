module example.com/pantry/worker

go 1.21
