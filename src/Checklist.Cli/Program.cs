Console.Error.WriteLine("usage: checklist <templates validate|verify|backup|restore> ...");
return 2;
