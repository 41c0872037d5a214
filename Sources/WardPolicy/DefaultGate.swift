import WardCore
